package jp.tsunagu.events;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.security.Roles;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
@Tag(name = "events", description = "The change feed and webhooks: what happened to the consultations, referrals and children the caller may "
        + "read, in order, thin (ids, states, codes), for partner systems and units to close the loop without polling by id.")
public class EventResource {

    private final EventFeed feed;

    public EventResource(EventFeed feed) {
        this.feed = feed;
    }

    @GET
    @Path("/events")
    @Operation(summary = "Read the change feed", description = "Events about what the caller may read, in feed order (each subject's "
            + "events in version order), after the cursor. Scope is the read scope, evaluated at the time of the read against the "
            + "current state of each subject: a case that left the caller's scope is no longer shown (its earlier events neither), "
            + "a case referred to the caller's unit shows its earlier events too. Without after: from the beginning. With wait: "
            + "long-polls up to that many seconds while nothing new is there. Event types: " + "see GET /api/v1/event-types.")
    @APIResponse(responseCode = "200", description = "A page of events", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventViews.EventPage.class), examples = {
                    @ExampleObject(name = "page", ref = "EventPage"),
                    @ExampleObject(name = "caught up", ref = "ListEvents200CaughtUp") }))
    public EventViews.EventPage listEvents(
            @Parameter(description = "Cursor to resume after: nextCursor of the last page, or an event's cursor", example = "ZjE6MTI")
            @QueryParam("after") @Size(max = 64) @Pattern(regexp = EventViews.CURSOR_PATTERN) String after,
            @Parameter(description = "Comma-separated event types; absent: all", example = "referral.accepted,referral.overdue")
            @QueryParam("types") @Size(max = 1000) @Pattern(regexp = "^[a-z_.,]+$") String types,
            @Parameter(description = "Events per page, 1 to 100") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit,
            @Parameter(description = "Seconds to wait for new events when there are none (long poll), 0 to 30") @QueryParam("wait")
            @DefaultValue("0") @Min(0) @Max(30) int wait) {
        return feed.read(after, types, limit, wait);
    }

    @GET
    @Path("/event-types")
    @Operation(summary = "List the event types", description = "Every event type with its subject and its Japanese and English labels.")
    @APIResponse(responseCode = "200", description = "The types", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = EventViews.EventTypeView.class), examples = @ExampleObject(name = "types", ref = "ListEventTypes200Types")))
    public List<EventViews.EventTypeView> listEventTypes() {
        return Arrays.stream(EventType.values()).map(t -> new EventViews.EventTypeView(t.code(), t.subject().code(), t.labelJa(), t.labelEn()))
                .toList();
    }
}
