package jp.tsunagu.events;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.security.Roles;

@Path("/api/v1/webhook-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR, Roles.PARTNER_SYSTEM })
@Tag(name = "events")
public class WebhookResource {

    private final WebhookService service;

    public WebhookResource(WebhookService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to events by webhook", description = "Owned by the calling partner client, or by the caller's unit (staff). "
            + "Receives the events its owner may read (the same scope as GET /api/v1/events, checked again at each delivery) from now on. "
            + "Delivery follows the Standard Webhooks specification: headers webhook-id (the event id, the same on every retry), "
            + "webhook-timestamp (Unix seconds) and webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body> per valid secret, "
            + "space-separated); any 2xx within the timeout is success, redirects are not followed. Failures retry with exponential "
            + "backoff and jitter for about a day, then the subscription is disabled with the reason. The secret is shown once, here.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "partner", ref = "CreateWebhookSubscriptionRequestPartner")))
    @APIResponse(responseCode = "201", description = "Subscribed; keep the secret", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventViews.SubscriptionView.class), examples = @ExampleObject(name = "created", ref = "WebhookCreated")))
    @APIResponse(responseCode = "503", description = "Webhooks are switched off on this service", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(ref = "#/components/schemas/Problem"), examples = @ExampleObject(name = "switched off", ref = "WebhookUnavailable")))
    public Response createWebhookSubscription(@Valid @NotNull EventViews.SubscriptionRequest request) {
        EventViews.SubscriptionView created = service.create(request);
        return Response.status(Response.Status.CREATED).entity(created).header("Location", "/api/v1/webhook-subscriptions/" + created.id()).build();
    }

    @GET
    @Operation(summary = "List your webhook subscriptions", description = "The calling client's, or the caller's unit's.")
    @APIResponse(responseCode = "200", description = "The subscriptions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = EventViews.SubscriptionView.class), examples = @ExampleObject(name = "list", ref = "ListWebhookSubscriptions200List")))
    public List<EventViews.SubscriptionView> listWebhookSubscriptions() {
        return service.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a webhook subscription", description = "With its state and, when disabled, why.")
    @APIResponse(responseCode = "200", description = "The subscription", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventViews.SubscriptionView.class), examples = {
                    @ExampleObject(name = "active", ref = "WebhookView"), @ExampleObject(name = "disabled", ref = "WebhookDisabled") }))
    public EventViews.SubscriptionView getWebhookSubscription(@Parameter(description = "Subscription id") @PathParam("id") String id) {
        return service.get(id);
    }

    @POST
    @Path("/{id}/secret-rotation")
    @Operation(summary = "Rotate a webhook secret", description = "A new secret, shown once. The previous one keeps signing beside it (two "
            + "signatures in webhook-signature) for 24 hours, so the receiver can switch without losing a delivery.")
    @APIResponse(responseCode = "200", description = "The new secret", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventViews.SubscriptionView.class), examples = @ExampleObject(name = "rotated", ref = "WebhookCreated")))
    @APIResponse(responseCode = "503", description = "Webhooks are switched off on this service", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(ref = "#/components/schemas/Problem"), examples = @ExampleObject(name = "switched off", ref = "WebhookUnavailable")))
    public EventViews.SubscriptionView rotateWebhookSecret(@Parameter(description = "Subscription id") @PathParam("id") String id) {
        return service.rotate(id);
    }

    @POST
    @Path("/{id}/reactivation")
    @Operation(summary = "Reactivate a webhook subscription", description = "After a disable: waiting deliveries resume; failed ones stay "
            + "failed, redeliver them.")
    @APIResponse(responseCode = "200", description = "Active again", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventViews.SubscriptionView.class), examples = @ExampleObject(name = "active", ref = "WebhookView")))
    public EventViews.SubscriptionView reactivateWebhookSubscription(@Parameter(description = "Subscription id") @PathParam("id") String id) {
        return service.reactivate(id);
    }

    @POST
    @Path("/{id}/deactivation")
    @Operation(summary = "Disable a webhook subscription", description = "Stops deliveries; nothing is queued while disabled.")
    @APIResponse(responseCode = "200", description = "Disabled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventViews.SubscriptionView.class), examples = @ExampleObject(name = "disabled", ref = "WebhookDisabled")))
    public EventViews.SubscriptionView disableWebhookSubscription(@Parameter(description = "Subscription id") @PathParam("id") String id) {
        return service.disable(id);
    }

    @POST
    @Path("/{id}/redeliveries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redeliver events", description = "One event (eventId) or a feed range (afterCursor, optionally untilCursor; at "
            + "most 1000 events), each only if the owner may read it now and subscribes to its type. Same webhook-id as before.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "one", ref = "RedeliverWebhookEventsRequestOne"),
            @ExampleObject(name = "range", ref = "RedeliverWebhookEventsRequestRange") }))
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventViews.RedeliveryView.class), examples = @ExampleObject(name = "queued", ref = "RedeliverWebhookEvents202Queued")))
    public Response redeliverWebhookEvents(@Parameter(description = "Subscription id") @PathParam("id") String id,
            @Valid @NotNull EventViews.RedeliveryRequest request) {
        return Response.accepted(service.redeliver(id, request)).build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "List a subscription's deliveries", description = "Newest first, with the attempts and the last error.")
    @APIResponse(responseCode = "200", description = "Deliveries", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = EventViews.DeliveryView.class), examples = @ExampleObject(name = "deliveries", ref = "ListWebhookDeliveries200Deliveries")))
    public List<EventViews.DeliveryView> listWebhookDeliveries(@Parameter(description = "Subscription id") @PathParam("id") String id,
            @Parameter(description = "Only deliveries in this status") @QueryParam("status") @Pattern(regexp = "^(PENDING|DELIVERED|FAILED|CANCELLED)$") String status,
            @Parameter(description = "At most this many, 1 to 100") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit) {
        return service.deliveries(id, status, limit);
    }
}
