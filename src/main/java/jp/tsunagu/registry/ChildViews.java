package jp.tsunagu.registry;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.tsunagu.org.OrgViews;

public final class ChildViews {

    private ChildViews() {
    }

    static final String KANA = "^[\\p{IsHiragana}\\p{IsKatakana}ー・　 ｦ-ﾟ]+$";

    @Schema(name = "Guardian", description = "Guardian contact (identifying data)")
    public record Guardian(
            @Size(max = 100) @Schema(examples = "山田 花子") String name,
            @Pattern(regexp = "^[0-9+()\\- ]{6,20}$", message = "must be a phone number") @Schema(examples = "090-0000-0000") String phone,
            @Email @Size(max = 200) String email) {
    }

    @Schema(name = "ConsentRequest", description = "A signed consent (同意書): which sharing the family agreed to")
    public record ConsentRequest(
            @NotEmpty @Size(max = 3) List<Consent.Scope> scopes,
            @NotNull @PastOrPresent @Schema(examples = "2024-06-03") LocalDate obtainedOn,
            @Size(max = 200) @Schema(description = "Where the signed paper is filed", examples = "同意書 2024-0153") String documentRef) {
    }

    @Schema(name = "ConsentWithdrawal", description = "The day the family withdrew the consent (today at the latest)")
    public record Withdrawal(@NotNull @PastOrPresent @Schema(examples = "2024-09-30") LocalDate withdrawnOn) {
    }

    @Schema(name = "Consent", description = "A consent and whether it is in force")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentView(long id, List<Consent.Scope> scopes, LocalDate obtainedOn, String obtainedByUnitCode,
            String documentRef, LocalDate withdrawnOn, boolean active) {
    }

    @Schema(name = "ChildRegistration", description = "A child to register. Duplicates (same reading, birth date and municipality) "
            + "answer 409 unless the ids of the look-alikes are listed in confirmedDistinctFrom.")
    public record ChildRequest(
            @NotBlank @Size(max = 50) @Schema(examples = "山田") String familyName,
            @NotBlank @Size(max = 50) @Schema(examples = "太郎") String givenName,
            @NotBlank @Size(max = 100) @Pattern(regexp = KANA, message = "must be written in kana") @Schema(examples = "やまだ") String familyNameKana,
            @NotBlank @Size(max = 100) @Pattern(regexp = KANA, message = "must be written in kana") @Schema(examples = "たろう") String givenNameKana,
            @NotNull @PastOrPresent @Schema(examples = "2021-05-10") LocalDate birthDate,
            @NotNull Child.Sex sex,
            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be a 6-digit 全国地方公共団体コード") @Schema(examples = "142034") String residenceLgcode,
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
            @Schema(examples = "7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55") String id,
            @Schema(enumeration = { "IDENTIFYING", "PSEUDONYMOUS" }) String view,
            @Schema(description = "Why the view is pseudonymous", examples = "no consent in force covers your unit") String viewReason,
            @Schema(examples = "3-5") String ageBand,
            OrgViews.MunicipalityRef residence,
            List<String> careTypes,
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
            Long version) {
    }
}
