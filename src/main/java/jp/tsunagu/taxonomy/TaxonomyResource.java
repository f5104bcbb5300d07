package jp.tsunagu.taxonomy;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import jp.tsunagu.common.problem.ApiProblem;

@Path("/api/v1/taxonomies")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "taxonomy", description = "Codes and labels used by intake and statistics (相談者種別・相談内容・受付経路・医療的ケア)")
public class TaxonomyResource {

    private final TaxonomyService service;

    public TaxonomyResource(TaxonomyService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List every taxonomy vocabulary",
            description = "Requester types, consultation topics, channels and medical-care types, each code with its "
                    + "Japanese and English label, in display order. Requests elsewhere in the API must use these codes.")
    @APIResponse(responseCode = "200", description = "The taxonomy",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TaxonomyViews.Catalog.class),
                    examples = @ExampleObject(name = "excerpt", ref = "ListTaxonomies200Excerpt")))
    public TaxonomyViews.Catalog listTaxonomies() {
        return service.catalog();
    }

    @GET
    @Path("/{kind}")
    @Operation(summary = "Get one taxonomy vocabulary", description = "One vocabulary with its codes in display order.")
    @APIResponse(responseCode = "200", description = "The vocabulary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TaxonomyViews.Vocabulary.class),
                    examples = @ExampleObject(name = "channels", ref = "GetTaxonomy200Channels")))
    public TaxonomyViews.Vocabulary getTaxonomy(
            @Parameter(description = "Vocabulary key", example = "channel",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "requester_type", "topic", "channel", "medical_care" }))
            @PathParam("kind") String kind) {
        return service.vocabulary(kind).orElseThrow(() -> ApiProblem.notFound("Taxonomy", kind));
    }
}
