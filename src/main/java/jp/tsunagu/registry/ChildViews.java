package jp.tsunagu.registry;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.tsunagu.common.text.Kana;
import jp.tsunagu.common.validation.PlausibleDate;
import jp.tsunagu.org.OrgViews;

public final class ChildViews {

    private ChildViews() {
    }


    @Schema(name = "Guardian", description = "Guardian contact (identifying data)")
    public record Guardian(
            @Size(max = 100) @Schema(examples = "山田 花子") String name,
            @Pattern(regexp = "^[0-9+()\\- ]{6,20}$", message = "must be a phone number") @Schema(examples = "090-0000-0000") String phone,
            @Email @Size(max = 200) String email) {
    }

    @Schema(name = "ConsentSigner", description = "Who signed the consent form for the child (identifying data)")
    public record Signer(
            @NotBlank @Size(max = 100) @Schema(examples = "山田 花子") String name,
            @NotNull Consent.Relationship relationship) {
    }

    @Schema(name = "ConsentRequest", description = "The record of a signed consent form (個人情報使用同意書): which form, where the "
            + "paper or scan is filed, who took it from whom, when, and which sharing the family agreed to. It takes effect once "
            + "another person at the prefecture center has checked it against the form.")
    public record ConsentRequest(
            @NotEmpty @Size(max = 3) List<Consent.@NotNull Scope> scopes,
            @NotNull @PlausibleDate @Schema(description = "The day the form was signed (Japan date, 2000-01-01 to today)", examples = "2024-06-03") LocalDate obtainedOn,
            @NotBlank @Size(max = 100) @Schema(description = "Which form was signed", examples = "個人情報使用同意書（第2版）") String formName,
            @NotBlank @Size(max = 200) @Schema(description = "Where the signed paper or its scan is filed", examples = "同意書 2024-0153") String documentRef,
            @NotBlank @Size(max = 100) @Schema(description = "The staff member who took the signature", examples = "平塚 一郎") String obtainedBy,
            @NotNull @Valid Signer obtainedFrom) {
    }

    @Schema(name = "ConsentWithdrawal", description = "The family's withdrawal of a consent: from which day (today at the latest) and "
            + "which staff member received the request")
    public record Withdrawal(
            @NotNull @PlausibleDate @Schema(description = "Japan date, 2000-01-01 to today", examples = "2024-09-30") LocalDate withdrawnOn,
            @NotBlank @Size(max = 100) @Schema(description = "The staff member who received the family's request", examples = "平塚 一郎") String receivedBy) {
    }

    @Schema(name = "ConsentConfirmation", description = "A second person at the prefecture center confirms the consent after checking "
            + "the signed form: documentRef must repeat the reference written on the form")
    public record Confirmation(
            @NotBlank @Size(max = 200) @Schema(examples = "同意書 2024-0153") String documentRef,
            @Size(max = 500) @Schema(examples = "署名・日付・範囲を原本で確認") String note) {
    }

    @Schema(name = "ConsentRejection", description = "The center rejects a recorded consent that the form does not bear out")
    public record Rejection(@NotBlank @Size(max = 500) @Schema(examples = "原本に保護者の署名がない") String reason) {
    }

    @Schema(name = "Consent", description = "A consent record, its review by the center and whether it is in force. obtainedFrom.name "
            + "is shown only to callers who see the child's identifying data and to the prefecture center.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentView(
            @Schema(required = true) long id,
            @Schema(required = true) Consent.State state,
            @Schema(required = true) List<Consent.Scope> scopes,
            @Schema(required = true) LocalDate obtainedOn,
            String obtainedByUnitCode,
            String formName,
            String documentRef,
            String obtainedBy,
            SignerView obtainedFrom,
            String recordedBy,
            String recordedByUnitCode,
            String reviewedBy,
            java.time.Instant reviewedAt,
            String reviewNote,
            LocalDate withdrawnOn,
            String withdrawalReceivedBy,
            @Schema(required = true, description = "Confirmed and obtained by today (Japan date)") boolean active) {
    }

    @Schema(name = "ConsentSignerView", description = "Who signed; the name only where the caller may see identifying data")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SignerView(String name, @Schema(required = true) Consent.Relationship relationship) {
    }

    @Schema(name = "ConsentReviewItem", description = "A consent waiting for the center's check against the signed form")
    public record ConsentReviewItem(
            @Schema(required = true) String childId,
            @Schema(required = true) OrgViews.MunicipalityRef residence,
            @Schema(required = true) ConsentView consent) {
    }

    @Schema(name = "RegistrationReview", description = "A registration held for the prefecture center because a child who may be the "
            + "same is registered where the caller cannot see it. The requester sees the state and, once registered, the new child's id; "
            + "the center also sees the submitted registration and the candidates.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReviewView(
            @Schema(required = true, examples = "0b6f3c1e-5a2d-4e8f-9c7b-1d2e3f4a5b6c") String id,
            @Schema(required = true) RegistrationReview.State state,
            @Schema(required = true) java.time.Instant requestedAt,
            @Schema(required = true, examples = "m-142034") String requestedByUnitCode,
            @Schema(required = true) OrgViews.MunicipalityRef residence,
            @Schema(required = true) String message,
            @Schema(description = "REGISTERED: the new child; MATCHED_EXISTING: the existing child (center only)") String childId,
            @Schema(description = "Center only") String requestedBy,
            @Schema(description = "Center only: the registration as submitted") ChildRequest registration,
            @Schema(description = "Center only: registered children it may be") List<String> candidateChildIds,
            String resolvedBy,
            java.time.Instant resolvedAt,
            String resolutionNote) {
    }

    @Schema(name = "RegistrationReviewPage", description = "A page of held registrations")
    public record ReviewPage(@Schema(required = true) List<ReviewView> items, @Schema(required = true) int page, @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    @Schema(name = "ConsentReviewPage", description = "A page of consents waiting for the center's check")
    public record ConsentReviewPage(@Schema(required = true) List<ConsentReviewItem> items, @Schema(required = true) int page, @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    @Schema(name = "RegistrationReviewResolution", description = "The center's decision on a held registration")
    public record Resolution(
            @NotNull @Schema(description = "REGISTER_AS_NEW registers the child as submitted; SAME_AS_EXISTING links the review to one of "
                    + "the candidates") ResolutionOutcome outcome,
            @Size(max = 36) @Schema(description = "Required with SAME_AS_EXISTING: one of candidateChildIds") String existingChildId,
            @Size(max = 500) @Schema(examples = "生年月日・住所・保護者名が一致しない別の児") String note) {
    }

    public enum ResolutionOutcome {
        REGISTER_AS_NEW, SAME_AS_EXISTING
    }

    @Schema(name = "ChildRegistration", description = "A child to register. Duplicates (same reading, birth date and municipality) "
            + "answer 409 unless the ids of the look-alikes are listed in confirmedDistinctFrom.")
    public record ChildRequest(
            @NotBlank @Size(max = 50) @Schema(examples = "山田") String familyName,
            @NotBlank @Size(max = 50) @Schema(examples = "太郎") String givenName,
            @NotBlank @Size(max = 100) @Pattern(regexp = Kana.PATTERN, message = "must be written in kana") @Schema(examples = "やまだ") String familyNameKana,
            @NotBlank @Size(max = 100) @Pattern(regexp = Kana.PATTERN, message = "must be written in kana") @Schema(examples = "たろう") String givenNameKana,
            @NotNull @PlausibleDate @Schema(description = "2000-01-01 to today (Japan date)", examples = "2021-05-10") LocalDate birthDate,
            @NotNull Child.Sex sex,
            @NotBlank @Pattern(regexp = "^[0-9]{6}$", message = "must be a 6-digit 全国地方公共団体コード") @Schema(examples = "142034") String residenceLgcode,
            @Valid Guardian guardian,
            @Size(max = 14) @Schema(description = "medical_care codes of the taxonomy") List<@NotBlank String> careTypes,
            @Schema(description = "動ける医ケア児") boolean mobileWithCare,
            @Schema(description = "重症心身障害") boolean severeDisability,
            boolean ventilatorDependent,
            @Size(max = 200) @Schema(examples = "神奈川県立こども医療センター") String primaryHospital,
            @NotNull Child.Source registrationSource,
            @Valid @Schema(description = "The consent taken with the registration, if any") ConsentRequest consent,
            @Size(max = 20) @Schema(description = "Registry ids of look-alikes the caller confirms are other children")
            List<@NotBlank String> confirmedDistinctFrom) {
    }

    @Schema(name = "Child", description = "A registered child. IDENTIFYING views carry names, birth date, guardian and hospital; "
            + "PSEUDONYMOUS views (no consent covering your unit) carry only registry id, age band, municipality and care.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChildView(
            @Schema(required = true, examples = "7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55") String id,
            @Schema(required = true, enumeration = { "IDENTIFYING", "PSEUDONYMOUS" }) String view,
            @Schema(description = "Why the view is pseudonymous", examples = "no consent in force covers your unit") String viewReason,
            @Schema(examples = "3-5") String ageBand,
            @Schema(required = true) OrgViews.MunicipalityRef residence,
            @Schema(required = true) List<String> careTypes,
            boolean mobileWithCare,
            boolean severeDisability,
            boolean ventilatorDependent,
            String familyName,
            String givenName,
            String familyNameKana,
            String givenNameKana,
            LocalDate birthDate,
            Child.Sex sex,
            Guardian guardian,
            String primaryHospital,
            Child.Source registrationSource,
            @Schema(description = "Identifying view only: the version, for If-Match") Long version) {
    }
}
