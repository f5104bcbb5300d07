package jp.tsunagu.stats;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The output parameters every statistics endpoint shares: JSON or CSV, the CSV's encoding and its header labels. */
public class OutputParams {

    @QueryParam("format")
    @Parameter(description = "json (default) or csv", schema = @Schema(type = SchemaType.STRING, enumeration = { "json", "csv" }))
    public String format;

    @QueryParam("charset")
    @Parameter(description = "CSV encoding: UTF-8 (with BOM, default) or Windows-31J", schema = @Schema(type = SchemaType.STRING,
            enumeration = { "UTF-8", "Windows-31J" }))
    public String charset;

    @QueryParam("labels")
    @Parameter(description = "CSV header labels", schema = @Schema(type = SchemaType.STRING, enumeration = { "ja", "en", "code" }))
    public String labels;

    @Context
    HttpHeaders headers;

    public Output negotiate() {
        return Output.negotiate(format, charset, labels, headers);
    }
}
