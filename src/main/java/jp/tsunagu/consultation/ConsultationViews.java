package jp.tsunagu.consultation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.tsunagu.common.validation.PlausibleDate;
import jp.tsunagu.org.OrgViews;

public final class ConsultationViews {

    private ConsultationViews() {
    }

    @Schema(name = "ConsultationRequest", description = "A consultation as received (相談受付). Codes come from GET /api/v1/taxonomies.")
    public record ConsultationRequest(
            @NotNull @PlausibleDate @Schema(description = "When it was received, with its offset (e.g. +09:00): from 2000-01-01 (Japan) up to now, 5 minutes of "
                    + "clock skew allowed. Answers give the same instant in UTC.", examples = "2024-06-03T10:15:00+09:00")
            OffsetDateTime receivedAt,
            @NotBlank @Size(max = 64) @Schema(description = "channel code", examples = "PHONE") String channel,
            @NotBlank @Size(max = 64) @Schema(description = "requester_type code", examples = "FAMILY") String requesterType,
            @NotNull ConsultationEnums.Kind kind,
            @NotEmpty @Size(max = 18) @Schema(description = "topic codes, at least one") List<@NotBlank @Size(max = 64) String> topics,
            @Pattern(regexp = "^[0-9]{6}$", message = "must be a 6-digit 全国地方公共団体コード")
            @Schema(description = "Residence municipality; absent when unknown", examples = "142034") String residenceLgcode,
            @Pattern(regexp = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", message = "must be a registry id")
            @Schema(description = "Registered child this is about, if any") String childId,
            @Schema(description = "The requester did not give their name") boolean anonymous,
            @NotBlank @Size(max = 2000) @Schema(description = "主訴: what the requester asks for", examples = "重症心身障害児のレスパイト先を知りたい")
            String chiefComplaint,
            @Schema(description = "Defaults to NORMAL") ConsultationEnums.Urgency urgency,
            @Size(max = 64) @Schema(description = "Receiving unit; defaults to the caller's own unit", examples = "14-shonan-west")
            String receivingUnitCode,
            @Positive @Schema(description = "Coordinator in charge, if assigned") Long coordinatorId) {
    }

    @Schema(name = "Consultation", description = "A consultation. It never carries a child's identifying data, only the registry id.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsultationView(
            @Schema(required = true, examples = "0b6f8f8e-3d7a-4c1e-9a55-2f0c6d1e7a10") String id,
            @Schema(required = true, description = "When it was received, always returned in UTC (`…Z`) whatever offset the request "
                    + "carried: 2024-06-03T10:15:00+09:00 comes back as 2024-06-03T01:15:00Z, the same instant. receivedOn is the day in "
                    + "Japan.") Instant receivedAt,
            @Schema(required = true, description = "Receiving day in Japan") LocalDate receivedOn,
            @Schema(required = true) OrgViews.UnitSummary receivingUnit,
            @Schema(required = true, description = "The unit that owns the case now (moves on an accepted transfer)") OrgViews.UnitSummary ownerUnit,
            @Schema(required = true, examples = "PHONE") String channel,
            @Schema(required = true, examples = "FAMILY") String requesterType,
            @Schema(required = true) ConsultationEnums.Kind kind,
            @Schema(required = true) List<String> topics,
            OrgViews.MunicipalityRef residence,
            String childId,
            @Schema(required = true) boolean anonymous,
            String chiefComplaint,
            ConsultationEnums.Urgency urgency,
            @Schema(required = true) ConsultationEnums.Status status,
            ConsultationEnums.ClosureReason closureReason,
            Long coordinatorId,
            @Schema(description = "Partner client that submitted it") String submittedBy,
            @Schema(required = true) long version) {
    }

    @Schema(name = "ConsultationPage", description = "A page of consultations")
    public record ConsultationPage(@Schema(required = true) List<ConsultationView> items, @Schema(required = true) int page, @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    @Schema(name = "StatusChangeRequest", description = "OPEN → IN_PROGRESS → CLOSED (with a reason); CLOSED → OPEN reopens (with a note)")
    public record StatusChangeRequest(
            @NotNull ConsultationEnums.Status status,
            ConsultationEnums.ClosureReason closureReason,
            @Size(max = 1000) String note) {
    }

    @Schema(name = "StatusChange", description = "A recorded status change")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusChangeView(ConsultationEnums.Status from, @Schema(required = true) ConsultationEnums.Status to,
            ConsultationEnums.ClosureReason closureReason, String note, @Schema(required = true) String changedBy, String unitCode, @Schema(required = true) Instant changedAt) {
    }

    @Schema(name = "TimelineEntryRequest", description = "An entry to append; corrections point at the entry they correct")
    public record TimelineEntryRequest(
            @NotNull ConsultationEnums.EntryType type,
            @NotBlank @Size(max = 4000) @Schema(examples = "母より電話。短期入所先の空き状況を確認し、2施設を案内した。") String body,
            @Positive @Schema(description = "Id of the entry this one corrects") Long correctsEntryId) {
    }

    @Schema(name = "TimelineEntry", description = "One entry of the shared timeline (主訴・状況・対応・メモ)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineEntryView(@Schema(required = true) long id, @Schema(required = true) ConsultationEnums.EntryType type, @Schema(required = true) String typeLabelJa, @Schema(required = true) String body,
            Long correctsEntryId, @Schema(required = true) String author, String unitCode, @Schema(required = true) Instant createdAt) {
    }
}
