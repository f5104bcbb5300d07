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
                            examples = @ExampleObject(name = "analyst", ref = "StatsConsultations")),
                    @Content(mediaType = Output.CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", ref = "StatsConsultationsCsv")) })
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
                            examples = @ExampleObject(name = "staff", ref = "StatsReferrals")),
                    @Content(mediaType = Output.CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", ref = "GetReferralStats200Csv")) })
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
                            examples = @ExampleObject(name = "staff", ref = "StatsLoad")),
                    @Content(mediaType = Output.CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", ref = "GetLoadStats200Csv")) })
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
                            examples = @ExampleObject(name = "staff", ref = "StatsChildren")),
                    @Content(mediaType = Output.CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", ref = "GetChildStats200Csv")) })
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
