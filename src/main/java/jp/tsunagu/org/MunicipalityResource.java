package jp.tsunagu.org;

import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;

@Path("/api/v1/municipalities")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "municipalities", description = "Japanese municipalities by 全国地方公共団体コード, and who covers each")
public class MunicipalityResource {

    private final MunicipalityService service;
    private final java.time.Clock clock;

    public MunicipalityResource(MunicipalityService service, java.time.Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Search municipalities by name or reading",
            description = "Prefix match on the name (平塚) or on the reading in hiragana or katakana (ひらつか, ﾋﾗﾂｶ).")
    @APIResponse(responseCode = "200", description = "A page of municipalities", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.MunicipalityPage.class),
            examples = @ExampleObject(name = "hiratsuka", ref = "SearchMunicipalities200Hiratsuka")))
    public Page<OrgViews.MunicipalityView> searchMunicipalities(
            @Parameter(description = "Start of the name or reading", example = "ひらつか", required = true)
            @QueryParam("q") @NotBlank @Size(max = 40) String q,
            @Parameter(description = "2-digit prefecture code", example = "14") @QueryParam("prefecture") @Pattern(regexp = "^[0-9]{2}$") String prefecture,
            @BeanParam @Valid PageRequest page) {
        return service.search(q, prefecture, page);
    }

    @GET
    @Path("/{lgcode}")
    @Operation(summary = "Get a municipality by code", description = "A wrong check digit answers 400 with the expected digit.")
    @APIResponse(responseCode = "200", description = "The municipality", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.MunicipalityView.class),
            examples = @ExampleObject(name = "hiratsuka", ref = "GetMunicipality200Hiratsuka")))
    public OrgViews.MunicipalityView getMunicipality(
            @Parameter(description = "6-digit 全国地方公共団体コード", example = "142034") @PathParam("lgcode") String lgcode) {
        return service.get(lgcode);
    }

    @GET
    @Path("/{lgcode}/coverage")
    @Operation(summary = "Who covers a municipality on a date",
            description = "The unit that served the municipality on the date (default today) and the coordinators to call: "
                    + "those of that unit and those who cover the municipality themselves, lead coordinators first. "
                    + "Phone and email are shown to staff roles only.")
    @APIResponse(responseCode = "200", description = "The covering unit and its coordinators", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrgViews.CoverageAnswer.class), examples = @ExampleObject(name = "hiratsuka", ref = "WhoCovers200Hiratsuka")))
    public OrgViews.CoverageAnswer whoCovers(
            @Parameter(description = "6-digit 全国地方公共団体コード", example = "142034") @PathParam("lgcode") String lgcode,
            @Parameter(description = "Date (default today)", example = "2022-06-01") @QueryParam("date") LocalDate date) {
        return service.whoCovers(lgcode, date == null ? LocalDate.now(clock) : date);
    }
}
