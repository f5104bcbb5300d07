package jp.tsunagu.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

public final class EventViews {

    private EventViews() {
    }

    static final String TYPE_PATTERN = "^[a-z][a-z_]*\\.[a-z_]+$";
    static final String CURSOR_PATTERN = "^[A-Za-z0-9_-]{1,64}$";

    @Schema(name = "EventSubject", description = "What the event is about and its place in that subject's sequence")
    public record SubjectView(
            @Schema(required = true, description = "consultation, referral, child or discharge_plan",
                    enumeration = { "consultation", "referral", "child", "discharge_plan" },
                    examples = "referral") String type,
            @Schema(required = true, examples = "5d2b7c1e-9f3a-4b8e-a6d1-0c2e4f6a8b10") String id,
            @Schema(required = true, description = "1, 2, 3 ... per subject, without gaps: the order of this subject's events",
                    examples = "2") long version) {
    }

    @Schema(name = "Event", description = "One change, thin: ids, states, codes and unit codes, never identifying data. Fetch the "
            + "subject through the API for its details (consent and scope apply there). The same body is a webhook's payload.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(
            @Schema(required = true, description = "Stable id; a webhook's webhook-id, the same for every attempt and redelivery",
                    examples = "7f0c2a4e-1b3d-4e5f-8a9b-0c1d2e3f4a5b") String id,
            @Schema(required = true, description = "Event type. " + "See the EventType schema for the codes and their labels",
                    pattern = TYPE_PATTERN, examples = "referral.accepted") String type,
            @Schema(required = true, description = "When the change was made (UTC)") Instant timestamp,
            @Schema(required = true) SubjectView subject,
            @Schema(required = true, examples = "14") String prefCode,
            @Schema(required = true, description = "Codes of the units the event concerns (receiving/owning unit, sender/receiver, registering unit)")
            List<String> units,
            @Schema(required = true, description = "Thin payload: ids, states, codes") Map<String, Object> data,
            @Schema(description = "Resume the feed after this event (feed only; not in webhooks)", pattern = CURSOR_PATTERN) String cursor) {
    }

    @Schema(name = "EventPage", description = "Events in order, and where to resume")
    public record EventPage(
            @Schema(required = true) List<EventView> items,
            @Schema(required = true, description = "Send as after= to continue; also when items is empty", pattern = CURSOR_PATTERN)
            String nextCursor,
            @Schema(required = true, description = "More events are waiting now") boolean hasMore) {
    }

    @Schema(name = "EventTypeInfo", description = "An event type with its labels")
    public record EventTypeView(
            @Schema(required = true, examples = "referral.accepted") String code,
            @Schema(required = true, examples = "referral") String subject,
            @Schema(required = true, examples = "受諾") String labelJa,
            @Schema(required = true, examples = "Referral accepted") String labelEn) {
    }

    @Schema(name = "WebhookSubscriptionRequest", description = "Where to send which events. Owned by the calling partner client, or by the "
            + "caller's unit for staff; it receives exactly the events its owner could read in the feed.")
    public record SubscriptionRequest(
            @NotBlank @Size(max = 2000) @Pattern(regexp = "^https?://[^\\s]+$")
            @Schema(required = true, description = "https in production; no private, loopback or link-local addresses",
                    examples = "https://nicu.example-hospital.jp/tsunagu/webhooks") String url,
            @Size(max = 30) @Schema(description = "Event types to deliver; empty or absent: all") List<@Pattern(regexp = TYPE_PATTERN) String> eventTypes,
            @Size(max = 200) @Schema(examples = "退院調整システム") String description) {
    }

    @Schema(name = "WebhookOwner", description = "Who owns a subscription")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OwnerView(
            @Schema(required = true, enumeration = { "CLIENT", "UNIT" }, examples = "CLIENT") String kind,
            @Schema(examples = "tsunagu-partner-nicu") String clientId,
            @Schema(examples = "14-shonan-west") String unitCode) {
    }

    @Schema(name = "WebhookSubscription", description = "A subscription. DISABLED ones carry the reason (e.g. deliveries failing for a day).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(
            @Schema(required = true, examples = "3c9e1f7a-2b4d-4c6e-8f0a-1b2c3d4e5f60") String id,
            @Schema(required = true) OwnerView owner,
            @Schema(required = true) String url,
            @Schema(required = true, description = "Empty: all types") List<String> eventTypes,
            String description,
            @Schema(required = true, enumeration = { "ACTIVE", "DISABLED" }, examples = "ACTIVE") String state,
            @Schema(examples = "有効 / 停止") String stateLabelJa,
            @Schema(description = "Why it was disabled") String disabledReason,
            Instant disabledAt,
            @Schema(required = true) Instant createdAt,
            @Schema(description = "Until when the previous secret still signs (after a rotation)") Instant previousSecretValidUntil,
            @Schema(required = true, description = "Deliveries waiting or being retried") long pendingDeliveries,
            @Schema(required = true, description = "Deliveries that gave up") long failedDeliveries,
            @Schema(description = "The signing secret: shown once, when created or rotated", pattern = "^whsec_[A-Za-z0-9+/=]+$") String secret) {
    }

    @Schema(name = "WebhookRedeliveryRequest", description = "Send one event again (eventId), or every event of the range after afterCursor "
            + "up to and including untilCursor (absent: up to now) that the subscription would receive now")
    public record RedeliveryRequest(
            @Size(max = 36) @Pattern(regexp = "^[0-9a-f-]{36}$") @Schema(examples = "7f0c2a4e-1b3d-4e5f-8a9b-0c1d2e3f4a5b") String eventId,
            @Size(max = 64) @Pattern(regexp = CURSOR_PATTERN) String afterCursor,
            @Size(max = 64) @Pattern(regexp = CURSOR_PATTERN) String untilCursor) {
    }

    @Schema(name = "WebhookRedelivery", description = "How many deliveries were scheduled")
    public record RedeliveryView(@Schema(required = true, examples = "12") int scheduled) {
    }

    @Schema(name = "WebhookDelivery", description = "One delivery of one event to the subscription, and how its attempts went")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(
            @Schema(required = true) long id,
            @Schema(required = true) String eventId,
            @Schema(required = true) String eventType,
            @Schema(required = true, enumeration = { "PENDING", "DELIVERED", "FAILED", "CANCELLED" }) String status,
            @Schema(required = true) int attempts,
            Instant nextAttemptAt,
            Instant lastAttemptAt,
            @Schema(description = "HTTP status of the last attempt") Integer lastStatus,
            @Schema(description = "What went wrong last (no response body is kept)") String lastError,
            Instant deliveredAt) {
    }
}
