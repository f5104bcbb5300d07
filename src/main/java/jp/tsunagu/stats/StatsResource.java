package jp.tsunagu.stats;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.security.Roles;

@Path("/api/v1/stats")
@Produces({ MediaType.APPLICATION_JSON, Output.CSV })
@RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.ANALYST })
@Tag(name = "statistics", description = "Per-region statistics for the council papers and for analysts: JSON, or CSV for Excel. "
        + "Center staff and analysts count their whole prefecture, branch staff their region; municipal coordinators, partner "
        + "systems and auditors get 403. Analysts get perturbed counts (cell-key perturbation: no count from 1 to k-1 is ever "
        + "published exactly, by one table or many) for fixed periods of the whole prefecture.")
public class StatsResource {

    static final String FORMATS = " JSON by default; CSV with format=csv or Accept: text/csv. The CSV is one table (header "
            + "record: \"<rows> / <columns>\", the column labels, 合計; one record per row ending with its total; a last record "
            + "合計 with the column totals and the grand total), CRLF line ends, UTF-8 with a BOM (Excel on Windows reads it "
            + "without mojibake) or Windows-31J with charset=Windows-31J (query, or the charset parameter of the text/csv media "
            + "range); the Content-Type names the charset, Content-Disposition offers a file name. labels=ja|en|code picks the "
            + "header labels (default ja). An analyst's CSV ends with one note record (注記 / Note) saying that the counts are "
            + "perturbed, or what * means. Every CSV export is recorded in the audit trail (STATS_EXPORT).";
    static final String SUPPRESSION = " Disclosure control for analysts (staff see exact counts): every count, cells and totals "
            + "alike, is published as the true count plus a perturbation of at most 2 looked up from the permanent random keys of "
            + "the records it counts (cell-key perturbation), so the same records always show the same value; counts from 1 to "
            + "k-1 (k = tsunagu.stats.suppression-k, default 3) are never shown: they appear as 0 or as k or more, so a published "
            + "0 stands for 0 to k-1. Totals are perturbed on their own and need not equal the sum of their cells. Perturbed "
            + "counts carry \"perturbed\":true and suppression.method CELL_KEY_PERTURBATION. Analysts ask for fixed periods "
            + "only (fiscalYear, or from/to of one fiscal year or one fiscal quarter) and for the whole prefecture (municipalities= "
            + "and units= answer 400), so that no two tables isolate a small group by difference. Staff see exact counts.";
    static final String SCOPE = " A prefecture other than the caller's answers 403. Branch staff count only the cases of their "
            + "region; rows that would name a unit or municipality outside it are merged into one row OUTSIDE_REGION, and "
            + "filters are intersected with the region.";

    static final String CONSULTATIONS = """
            {"prefecture":"24","scope":"PREFECTURE","period":{"from":"2022-04-01","to":"2023-03-31","fiscalYear":2022},
             "municipalities":null,"totalsCountConsultationsOnce":true,
             "table":{"name":"consultations",
              "rowDimension":{"code":"site","labelJa":"拠点・圏域","labelEn":"Site or region"},
              "columnDimension":{"code":"requesterType","labelJa":"相談者種別","labelEn":"Requester type"},
              "columns":[{"code":"FAMILY","labelJa":"家族","labelEn":"Family"},{"code":"MUNICIPALITY","labelJa":"自治体","labelEn":"Municipality"}],
              "rows":[{"code":"24-hokusei","labelJa":"北勢支部","labelEn":"北勢支部",
                       "cells":[{"count":12,"suppressed":false,"perturbed":true},{"count":0,"suppressed":false,"perturbed":true}],
                       "total":{"count":13,"suppressed":false,"perturbed":true}},
                      {"code":"24-chusei","labelJa":"中勢支部","labelEn":"中勢支部",
                       "cells":[{"count":7,"suppressed":false,"perturbed":true},{"count":3,"suppressed":false,"perturbed":true}],
                       "total":{"count":9,"suppressed":false,"perturbed":true}}],
              "columnTotals":[{"count":19,"suppressed":false,"perturbed":true},{"count":5,"suppressed":false,"perturbed":true}],
              "grandTotal":{"count":24,"suppressed":false,"perturbed":true},
              "suppression":{"applied":true,"threshold":3,"withheld":0,"method":"CELL_KEY_PERTURBATION","maxDeviation":2}}}""";
    static final String CONSULTATIONS_CSV = "拠点・圏域 / 相談者種別,家族,自治体,合計\r\n北勢支部,12,0,13\r\n中勢支部,7,3,9\r\n合計,19,5,24\r\n"
            + "注記,分析者向けの件数は攪乱値です（真の件数との差は最大2、1～2は表示されず0または3以上になります。0は0～2件を表します）。"
            + "合計も別に攪乱されるため、内訳の和とは一致しません。\r\n";

    static final String TABLE_EXAMPLE = """
            {"name":"referrals.byKindAndDirection","rowDimension":{"code":"kind","labelJa":"依頼の種類","labelEn":"Kind"},
             "columnDimension":{"code":"direction","labelJa":"方向","labelEn":"Direction"},
             "columns":[{"code":"UP","labelJa":"上位層へ","labelEn":"Up"},{"code":"DOWN","labelJa":"下位層へ","labelEn":"Down"},{"code":"LATERAL","labelJa":"同じ層へ","labelEn":"Lateral"}],
             "rows":[{"code":"ESCALATION","labelJa":"後方支援依頼","labelEn":"Escalation","cells":[{"count":9,"suppressed":false},{"count":0,"suppressed":false},{"count":0,"suppressed":false}],"total":{"count":9,"suppressed":false}},
                     {"code":"TRANSFER","labelJa":"移管","labelEn":"Transfer","cells":[{"count":0,"suppressed":false},{"count":14,"suppressed":false},{"count":3,"suppressed":false}],"total":{"count":17,"suppressed":false}},
                     {"code":"CONSULT","labelJa":"助言依頼","labelEn":"Consultation","cells":[{"count":4,"suppressed":false},{"count":0,"suppressed":false},{"count":0,"suppressed":false}],"total":{"count":4,"suppressed":false}}],
             "columnTotals":[{"count":13,"suppressed":false},{"count":14,"suppressed":false},{"count":3,"suppressed":false}],
             "grandTotal":{"count":30,"suppressed":false},"suppression":{"applied":false,"threshold":0,"withheld":0,"method":"NONE","maxDeviation":0}}""";

    static final String REFERRALS = """
            {"prefecture":"24","scope":"PREFECTURE","period":{"from":"2024-04-01","to":"2025-03-31","fiscalYear":2024},"units":null,
             "asOf":"2025-04-10T01:00:00Z","percentileMethod":"MariaDB PERCENTILE_CONT window function: continuous percentile with linear interpolation (as PERCENTILE.INC in Excel), over hours from requestedAt to acceptedAt / endedAt",
             "byKindAndDirection":""" + TABLE_EXAMPLE + """
            ,"byTiers":{"name":"referrals.byTiers","rowDimension":{"code":"tiers","labelJa":"依頼元→依頼先","labelEn":"Sender → receiver"},
              "columnDimension":{"code":"kind","labelJa":"依頼の種類","labelEn":"Kind"},
              "columns":[{"code":"ESCALATION","labelJa":"後方支援依頼","labelEn":"Escalation"},{"code":"TRANSFER","labelJa":"移管","labelEn":"Transfer"},{"code":"CONSULT","labelJa":"助言依頼","labelEn":"Consultation"}],
              "rows":[{"code":"MUNICIPAL_OFFICE→BRANCH","labelJa":"市町村窓口→圏域ブランチ（支部）","labelEn":"Municipal office → Regional branch","cells":[{"count":9,"suppressed":false},{"count":0,"suppressed":false},{"count":4,"suppressed":false}],"total":{"count":13,"suppressed":false}},
                      {"code":"CENTER→BRANCH","labelJa":"センター（本部）→圏域ブランチ（支部）","labelEn":"Prefecture center → Regional branch","cells":[{"count":0,"suppressed":false},{"count":14,"suppressed":false},{"count":0,"suppressed":false}],"total":{"count":14,"suppressed":false}},
                      {"code":"BRANCH→BRANCH","labelJa":"圏域ブランチ（支部）→圏域ブランチ（支部）","labelEn":"Regional branch → Regional branch","cells":[{"count":0,"suppressed":false},{"count":3,"suppressed":false},{"count":0,"suppressed":false}],"total":{"count":3,"suppressed":false}}],
              "columnTotals":[{"count":9,"suppressed":false},{"count":17,"suppressed":false},{"count":4,"suppressed":false}],"grandTotal":{"count":30,"suppressed":false},
              "suppression":{"applied":false,"threshold":0,"withheld":0,"method":"NONE","maxDeviation":0}},
             "outcomes":{"name":"referrals.outcomes","rowDimension":{"code":"kind","labelJa":"依頼の種類","labelEn":"Kind"},
              "columnDimension":{"code":"outcome","labelJa":"結果","labelEn":"Outcome"},
              "columns":[{"code":"COMPLETED","labelJa":"完了・終結","labelEn":"Completed or closed"},{"code":"FAILED","labelJa":"不成立","labelEn":"Failed"},{"code":"DECLINED","labelJa":"辞退","labelEn":"Declined"},{"code":"CANCELLED","labelJa":"取消","labelEn":"Cancelled"},{"code":"ACTIVE","labelJa":"対応中（未終了）","labelEn":"Still active"}],
              "rows":[{"code":"TRANSFER","labelJa":"移管","labelEn":"Transfer","cells":[{"count":10,"suppressed":false,"share":0.5882},{"count":0,"suppressed":false,"share":0.0},{"count":3,"suppressed":false,"share":0.1765},{"count":0,"suppressed":false,"share":0.0},{"count":4,"suppressed":false,"share":0.2353}],"total":{"count":17,"suppressed":false}}],
              "columnTotals":[{"count":10,"suppressed":false,"share":0.5882},{"count":0,"suppressed":false,"share":0.0},{"count":3,"suppressed":false,"share":0.1765},{"count":0,"suppressed":false,"share":0.0},{"count":4,"suppressed":false,"share":0.2353}],
              "grandTotal":{"count":17,"suppressed":false},"suppression":{"applied":false,"threshold":0,"withheld":0,"method":"NONE","maxDeviation":0}},
             "durations":[{"code":"TRANSFER","labelJa":"移管","labelEn":"Transfer","toAccept":{"n":{"count":14,"suppressed":false},"medianHours":20.5,"p90Hours":71.25,"withheld":false},
                           "toEnd":{"n":{"count":13,"suppressed":false},"medianHours":310.0,"p90Hours":702.4,"withheld":false}},
                          {"code":"ALL","labelJa":"全体","labelEn":"All kinds","toAccept":{"n":{"count":27,"suppressed":false},"medianHours":18.0,"p90Hours":66.0,"withheld":false},
                           "toEnd":{"n":{"count":22,"suppressed":false},"medianHours":240.0,"p90Hours":650.0,"withheld":false}}],
             "openByReceivingUnit":{"name":"referrals.openByReceivingUnit","rowDimension":{"code":"receivingUnit","labelJa":"依頼先","labelEn":"Receiving unit"},
              "columnDimension":{"code":"overdue","labelJa":"期限超過","labelEn":"Overdue"},
              "columns":[{"code":"OVERDUE","labelJa":"期限超過","labelEn":"Overdue"},{"code":"ON_TIME","labelJa":"期限内","labelEn":"On time"}],
              "rows":[{"code":"24-hokusei","labelJa":"北勢支部","labelEn":"北勢支部","cells":[{"count":1,"suppressed":false},{"count":3,"suppressed":false}],"total":{"count":4,"suppressed":false}}],
              "columnTotals":[{"count":1,"suppressed":false},{"count":3,"suppressed":false}],"grandTotal":{"count":4,"suppressed":false},
              "suppression":{"applied":false,"threshold":0,"withheld":0,"method":"NONE","maxDeviation":0}}}""";

    static final String LOAD = """
            {"prefecture":"24","scope":"PREFECTURE","units":null,"asOf":"2025-04-10T01:00:00Z",
             "openConsultationsByCoordinator":{"name":"load.openConsultationsByCoordinator","rowDimension":{"code":"coordinator","labelJa":"コーディネーター","labelEn":"Coordinator"},
              "columnDimension":{"code":"status","labelJa":"状態","labelEn":"Status"},
              "columns":[{"code":"OPEN","labelJa":"受付","labelEn":"Open"},{"code":"IN_PROGRESS","labelJa":"対応中","labelEn":"In progress"}],
              "rows":[{"code":"17","labelJa":"三重 花子（24-hokusei）","labelEn":"三重 花子 (24-hokusei)","cells":[{"count":4,"suppressed":false},{"count":11,"suppressed":false}],"total":{"count":15,"suppressed":false}},
                      {"code":"UNASSIGNED","labelJa":"担当者未定","labelEn":"No coordinator assigned","cells":[{"count":6,"suppressed":false},{"count":0,"suppressed":false}],"total":{"count":6,"suppressed":false}}],
              "columnTotals":[{"count":10,"suppressed":false},{"count":11,"suppressed":false}],"grandTotal":{"count":21,"suppressed":false},
              "suppression":{"applied":false,"threshold":0,"withheld":0,"method":"NONE","maxDeviation":0}},
             "openConsultationsByOwnerUnit":{"name":"load.openConsultationsByOwnerUnit","rowDimension":{"code":"ownerUnit","labelJa":"担当機関","labelEn":"Owner unit"},
              "columnDimension":{"code":"status","labelJa":"状態","labelEn":"Status"},
              "columns":[{"code":"OPEN","labelJa":"受付","labelEn":"Open"},{"code":"IN_PROGRESS","labelJa":"対応中","labelEn":"In progress"}],
              "rows":[{"code":"24-hokusei","labelJa":"北勢支部","labelEn":"北勢支部","cells":[{"count":10,"suppressed":false},{"count":11,"suppressed":false}],"total":{"count":21,"suppressed":false}}],
              "columnTotals":[{"count":10,"suppressed":false},{"count":11,"suppressed":false}],"grandTotal":{"count":21,"suppressed":false},
              "suppression":{"applied":false,"threshold":0,"withheld":0,"method":"NONE","maxDeviation":0}},
             "activeReferralsByReceivingUnit":{"name":"load.activeReferralsByReceivingUnit","rowDimension":{"code":"receivingUnit","labelJa":"依頼先","labelEn":"Receiving unit"},
              "columnDimension":{"code":"overdue","labelJa":"期限超過","labelEn":"Overdue"},
              "columns":[{"code":"OVERDUE","labelJa":"期限超過","labelEn":"Overdue"},{"code":"ON_TIME","labelJa":"期限内","labelEn":"On time"}],
              "rows":[{"code":"24-hokusei","labelJa":"北勢支部","labelEn":"北勢支部","cells":[{"count":1,"suppressed":false},{"count":3,"suppressed":false}],"total":{"count":4,"suppressed":false}}],
              "columnTotals":[{"count":1,"suppressed":false},{"count":3,"suppressed":false}],"grandTotal":{"count":4,"suppressed":false},
              "suppression":{"applied":false,"threshold":0,"withheld":0,"method":"NONE","maxDeviation":0}},
             "coordinatorConcentration":{"population":12,"busiest":2,"openOfBusiest":{"count":9,"suppressed":false},"openTotal":{"count":15,"suppressed":false},"share":0.6,"suppressed":false},
             "unitConcentration":{"population":8,"busiest":1,"openOfBusiest":{"count":21,"suppressed":false},"openTotal":{"count":21,"suppressed":false},"share":1.0,"suppressed":false},
             "emergencyReviewsDue":{"olderThanDays":7,"count":1,"labelJa":"確認期限を過ぎた緊急時アクセス","labelEn":"Emergency accesses past their review deadline"}}""";

    static final String CHILDREN = """
            {"prefecture":"24","scope":"PREFECTURE","municipalities":null,"asOf":"2025-04-10","totalsCountChildrenOnce":true,
             "table":{"name":"children","rowDimension":{"code":"municipality","labelJa":"市区町村（住所地）","labelEn":"Municipality of residence"},
              "columnDimension":{"code":"careType","labelJa":"医療的ケアの種類","labelEn":"Medical-care type"},
              "columns":[{"code":"VENTILATOR","labelJa":"人工呼吸器","labelEn":"Ventilator"},{"code":"SUCTION","labelJa":"吸引","labelEn":"Suctioning"}],
              "rows":[{"code":"242012","labelJa":"津市","labelEn":"津市","cells":[{"count":5,"suppressed":false},{"count":14,"suppressed":false}],"total":{"count":16,"suppressed":false}}],
              "columnTotals":[{"count":5,"suppressed":false},{"count":14,"suppressed":false}],"grandTotal":{"count":16,"suppressed":false},
              "suppression":{"applied":false,"threshold":0,"withheld":0,"method":"NONE","maxDeviation":0}}}""";

    private final StatsService service;

    public StatsResource(StatsService service) {
        this.service = service;
    }

    private static Response csv(StatsCsv.Export export) {
        return Response.ok(export.body()).type(export.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + export.filename() + "\"").build();
    }

    @GET
    @Path("/consultations")
    @Operation(summary = "Count consultations by two dimensions",
            description = "A two-way table: rows × columns, each cell a count, with row totals, column totals and the grand total. "
                    + "Dimensions: unit = the unit that covered the consultation's residence municipality on its receiving day "
                    + "(coverage table); consultations with no residence, or whose residence no unit of the prefecture covered that "
                    + "day, count under the unit that received them. site = the same rolled up to the center, site or region "
                    + "(a municipal office counts under its parent). municipality = residence (UNKNOWN when not given). month "
                    + "(2024-05), quarter (fiscal: 2024Q1 = April..June 2024), fiscalYear (April..March; code 2022, label 令和4年度), "
                    + "requesterType, topic, channel, kind. A consultation with two topics counts once under each topic, while "
                    + "the totals count every consultation once (totalsCountConsultationsOnce), so those totals are not the sums "
                    + "of their cells. Period: from/to (receiving day in Japan, inclusive) or fiscalYear. Taxonomy columns list "
                    + "every active code (zeros included); time buckets of a bounded period are all listed."
                    + FORMATS + SUPPRESSION + SCOPE)
    @APIResponse(responseCode = "200", description = "The table", headers = @Header(name = "Content-Disposition",
            description = "CSV only: attachment; filename=\"consultations-24-site-requesterType-FY2022.csv\"", schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsViews.ConsultationStats.class),
                            examples = @ExampleObject(name = "analyst", value = CONSULTATIONS)),
                    @Content(mediaType = Output.CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", value = CONSULTATIONS_CSV)) })
    public Response getConsultationStats(
            @Parameter(description = "Row dimension (default site)", schema = @Schema(type = SchemaType.STRING, enumeration = { "unit", "site",
                    "municipality", "month", "quarter", "fiscalYear", "requesterType", "topic", "channel", "kind" })) @QueryParam("rows") String rows,
            @Parameter(description = "Column dimension (default requesterType); must differ from rows", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "unit", "site", "municipality", "month", "quarter", "fiscalYear", "requesterType", "topic", "channel",
                            "kind" })) @QueryParam("columns") String columns,
            @Parameter(description = "Received on or after (Japan date)", example = "2022-04-01", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Received on or before (Japan date)", example = "2023-03-31", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = "Fiscal year April..March, instead of from/to", example = "2022", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2100")) @QueryParam("fiscalYear") String fiscalYear,
            @Parameter(description = "Prefecture code; only your own (default)", example = "24", schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{2}$")) @QueryParam("prefecture") String prefecture,
            @Parameter(description = "Only consultations of residents of these municipalities (comma-separated codes); staff only, analysts get 400",
                    example = "242071,242080") @QueryParam("municipalities") String municipalities,
            @BeanParam OutputParams outputParams) {
        Output output = outputParams.negotiate();
        StatsService.ConsultationQuery q = new StatsService.ConsultationQuery(rows, columns, from, to, fiscalYear, prefecture, municipalities);
        return output.csv() ? csv(service.exportConsultations(q, output))
                : Response.ok(service.consultations(q)).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/referrals")
    @Operation(summary = "Hand-off statistics",
            description = "Referrals requested in the period (requestedAt, Japan dates), counted by kind × direction, by sender unit "
                    + "kind → receiver unit kind (e.g. MUNICIPAL_OFFICE→BRANCH, as the units were when the referral was made) × "
                    + "kind, and by kind × outcome (COMPLETED = completed or closed, FAILED, DECLINED, CANCELLED, ACTIVE = still "
                    + "requested, accepted or in progress) with each cell's share of its row. durations: median and 90th percentile "
                    + "hours from request to acceptance and from request to the end, per kind and over all, computed in the "
                    + "database with PERCENTILE_CONT (linear interpolation). openByReceivingUnit: referrals open now (REQUESTED, "
                    + "ACCEPTED, IN_PROGRESS) per receiving unit, split by the same overdue rule as the inbox; not limited to the "
                    + "period. units= keeps referrals whose sender or receiver is one of the given units. CSV carries one table, "
                    + "chosen with table= (byKindAndDirection by default, byTiers, outcomes, durations, openByReceivingUnit)."
                    + FORMATS + SUPPRESSION + " For analysts the period tables are perturbed like every count (linked tables "
                    + "included: no published value is exact, so no link gives one away); durations over fewer than k referrals "
                    + "are withheld (withheld=true, * in CSV); openByReceivingUnit has no record keys and keeps small-cell "
                    + "suppression, checked exactly for that one table." + SCOPE)
    @APIResponse(responseCode = "200", description = "The hand-off statistics", headers = @Header(name = "Content-Disposition",
            description = "CSV only", schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsViews.ReferralStats.class),
                            examples = @ExampleObject(name = "staff", value = REFERRALS)),
                    @Content(mediaType = Output.CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv",
                            value = "依頼の種類 / 方向,上位層へ,下位層へ,同じ層へ,合計\r\n後方支援依頼,9,0,0,9\r\n移管,0,14,3,17\r\n助言依頼,4,0,0,4\r\n合計,13,14,3,30\r\n")) })
    public Response getReferralStats(
            @Parameter(description = "Requested on or after (Japan date)", example = "2024-04-01", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Requested on or before (Japan date)", example = "2025-03-31", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
            @Parameter(description = "Fiscal year April..March, instead of from/to", example = "2024", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "2000", maximum = "2100")) @QueryParam("fiscalYear") String fiscalYear,
            @Parameter(description = "Prefecture code; only your own (default)", example = "24", schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{2}$")) @QueryParam("prefecture") String prefecture,
            @Parameter(description = "Only referrals sent or received by these units (comma-separated codes); staff only, analysts get 400", example = "24-hokusei")
            @QueryParam("units") String units,
            @Parameter(description = "Which table the CSV carries", schema = @Schema(type = SchemaType.STRING, enumeration = { "byKindAndDirection",
                    "byTiers", "outcomes", "durations", "openByReceivingUnit" })) @QueryParam("table") String table,
            @BeanParam OutputParams outputParams) {
        Output output = outputParams.negotiate();
        StatsService.ReferralQuery q = new StatsService.ReferralQuery(from, to, fiscalYear, prefecture, units, table);
        return output.csv() ? csv(service.exportReferrals(q, output))
                : Response.ok(service.referrals(q)).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/load")
    @Operation(summary = "Who carries the open work",
            description = "Now, not for a period: open consultations (OPEN, IN_PROGRESS) per coordinator in charge (UNASSIGNED "
                    + "for none) and per owner unit, active referrals (REQUESTED, ACCEPTED, IN_PROGRESS) per receiving unit, overdue "
                    + "or not, and the concentration: the share of the open consultations carried by the busiest 10% (rounded up) "
                    + "of the coordinators (active coordinators of the scope, idle ones included) and of the units. units= keeps "
                    + "consultations owned by, coordinators of and referrals of these units. CSV carries one table, chosen with "
                    + "table= (openConsultationsByCoordinator by default, openConsultationsByOwnerUnit, activeReferralsByReceivingUnit)."
                    + FORMATS + SUPPRESSION + " For analysts the two consultation tables are perturbed and the concentration is "
                    + "computed from their published totals; activeReferralsByReceivingUnit keeps small-cell suppression." + SCOPE)
    @APIResponse(responseCode = "200", description = "The load", headers = @Header(name = "Content-Disposition", description = "CSV only",
            schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsViews.LoadStats.class),
                            examples = @ExampleObject(name = "staff", value = LOAD)),
                    @Content(mediaType = Output.CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv",
                            value = "コーディネーター / 状態,受付,対応中,合計\r\n三重 花子（24-hokusei）,4,11,15\r\n担当者未定,6,0,6\r\n合計,10,11,21\r\n")) })
    public Response getLoadStats(
            @Parameter(description = "Prefecture code; only your own (default)", example = "24", schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{2}$")) @QueryParam("prefecture") String prefecture,
            @Parameter(description = "Only these units (comma-separated codes); staff only, analysts get 400", example = "24-hokusei") @QueryParam("units") String units,
            @Parameter(description = "Which table the CSV carries", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "openConsultationsByCoordinator", "openConsultationsByOwnerUnit", "activeReferralsByReceivingUnit" }))
            @QueryParam("table") String table,
            @BeanParam OutputParams outputParams) {
        Output output = outputParams.negotiate();
        StatsService.LoadQuery q = new StatsService.LoadQuery(prefecture, units, table);
        return output.csv() ? csv(service.exportLoad(q, output)) : Response.ok(service.load(q)).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/children")
    @Operation(summary = "Registered children by municipality or region and medical-care type",
            description = "実数把握: registered children per residence municipality (rows=municipality, default) or per region "
                    + "(rows=region: the unit covering the residence today, a municipal office rolled up to its region; NONE when "
                    + "no unit covers it) × medical-care type. A child with several care types counts once under each type and "
                    + "once in the totals (totalsCountChildrenOnce); children with no type recorded are in NOT_RECORDED."
                    + FORMATS + SUPPRESSION + SCOPE)
    @APIResponse(responseCode = "200", description = "The table", headers = @Header(name = "Content-Disposition", description = "CSV only",
            schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatsViews.ChildStats.class),
                            examples = @ExampleObject(name = "staff", value = CHILDREN)),
                    @Content(mediaType = Output.CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv",
                            value = "市区町村（住所地） / 医療的ケアの種類,人工呼吸器,吸引,合計\r\n津市,5,14,16\r\n合計,5,14,16\r\n")) })
    public Response getChildStats(
            @Parameter(description = "Row dimension", schema = @Schema(type = SchemaType.STRING, enumeration = { "municipality", "region" }))
            @QueryParam("rows") String rows,
            @Parameter(description = "Prefecture code; only your own (default)", example = "24", schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{2}$")) @QueryParam("prefecture") String prefecture,
            @Parameter(description = "Only children living in these municipalities (comma-separated codes); staff only, analysts get 400", example = "242071,242080")
            @QueryParam("municipalities") String municipalities,
            @BeanParam OutputParams outputParams) {
        Output output = outputParams.negotiate();
        StatsService.ChildQuery q = new StatsService.ChildQuery(rows, prefecture, municipalities);
        return output.csv() ? csv(service.exportChildren(q, output)) : Response.ok(service.children(q)).type(MediaType.APPLICATION_JSON).build();
    }
}
