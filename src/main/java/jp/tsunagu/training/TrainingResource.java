package jp.tsunagu.training;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jp.tsunagu.common.paging.Page;
import jp.tsunagu.common.paging.PageRequest;
import jp.tsunagu.common.security.Roles;
import jp.tsunagu.stats.Output;
import jp.tsunagu.stats.OutputParams;

@Path("/api/v1/training")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF })
@Tag(name = "training", description = "Coordinator training (医療的ケア児等コーディネーター養成研修・フォローアップ研修): courses of the "
        + "prefecture, sessions per fiscal year, attendees and completion, statistics by profession × fiscal year, and which "
        + "municipalities lack a trained, active coordinator. Kept by the prefecture's center; every read and write is limited to "
        + "the caller's prefecture (another prefecture's ids answer 404).")
public class TrainingResource {

    private final TrainingService service;
    private final TrainingStatistics statistics;

    public TrainingResource(TrainingService service, TrainingStatistics statistics) {
        this.service = service;
        this.statistics = statistics;
    }

    @GET
    @Path("/courses")
    @Operation(summary = "List the training courses of your prefecture")
    @APIResponse(responseCode = "200", description = "The courses, by code", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrainingViews.CourseList.class), examples = @ExampleObject(name = "courses", ref = "TrainingCourses")))
    public TrainingViews.CourseList listTrainingCourses() {
        return service.courses();
    }

    @POST
    @Path("/courses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a training course", description = "Center staff and admins, for their own prefecture. The code is unique "
            + "within the prefecture. kind: BASIC (養成研修: counts as trained), FOLLOW_UP (フォローアップ研修), OTHER.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "basic", ref = "TrainingCourseRequest")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrainingViews.CourseView.class), examples = @ExampleObject(name = "basic", ref = "TrainingCourse")))
    public Response createTrainingCourse(@Valid @NotNull TrainingViews.CourseRequest request) {
        TrainingViews.CourseView created = service.createCourse(request);
        return Response.created(URI.create("/api/v1/training/courses/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/courses/{id}")
    @Operation(summary = "Get a training course")
    @APIResponse(responseCode = "200", description = "The course", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrainingViews.CourseView.class), examples = @ExampleObject(name = "basic", ref = "TrainingCourse")))
    public TrainingViews.CourseView getTrainingCourse(@Parameter(description = "Course id", example = "4") @PathParam("id") long id) {
        return service.course(id);
    }

    @POST
    @Path("/courses/{id}/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule a session of a course", description = "Its fiscal year (April..March, Japan) is that of its first day.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "session", ref = "TrainingSessionRequest")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrainingViews.SessionView.class), examples = @ExampleObject(name = "session", ref = "TrainingSession")))
    public Response createTrainingSession(@Parameter(description = "Course id", example = "4") @PathParam("id") long id,
            @Valid @NotNull TrainingViews.SessionRequest request) {
        TrainingViews.SessionView created = service.createSession(id, request);
        return Response.created(URI.create("/api/v1/training/sessions/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "List training sessions", description = "Of your prefecture, by first day; optionally of one course or fiscal year.")
    @APIResponse(responseCode = "200", description = "A page of sessions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrainingViews.SessionPage.class), examples = @ExampleObject(name = "page", ref = "TrainingSessions")))
    public Page<TrainingViews.SessionView> listTrainingSessions(
            @Parameter(description = "Course code", example = "coordinator-basic") @QueryParam("course") @Pattern(regexp = TrainingViews.CODE) String course,
            @Parameter(description = "Fiscal year (April..March)", example = "2022") @QueryParam("fiscalYear") @Min(2000) @Max(2100) Integer fiscalYear,
            @BeanParam @Valid PageRequest page) {
        return service.sessions(new TrainingService.SessionFilter(course, fiscalYear), page);
    }

    @GET
    @Path("/sessions/{id}")
    @Operation(summary = "Get a training session with its attendees")
    @APIResponse(responseCode = "200", description = "The session", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrainingViews.SessionView.class), examples = @ExampleObject(name = "session", ref = "TrainingSessionWithAttendees")))
    public TrainingViews.SessionView getTrainingSession(@Parameter(description = "Session id", example = "9") @PathParam("id") long id) {
        return service.session(id);
    }

    @POST
    @Path("/sessions/{id}/attendees")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enrol an attendee", description = "A coordinator of the register (an active one of the course's prefecture, "
            + "once per session; the profession is taken from the register as it is now) or an external person with profession and "
            + "organisation. Starts as REGISTERED.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "external", ref = "TrainingAttendeeExternal"),
            @ExampleObject(name = "coordinator", ref = "TrainingAttendeeCoordinator") }))
    @APIResponse(responseCode = "201", description = "Enrolled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrainingViews.AttendeeView.class), examples = @ExampleObject(name = "external", ref = "TrainingAttendee")))
    public Response addTrainingAttendee(@Parameter(description = "Session id", example = "9") @PathParam("id") long id,
            @Valid @NotNull TrainingViews.AttendeeRequest request) {
        TrainingViews.AttendeeView created = service.addAttendee(id, request);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @POST
    @Path("/sessions/{id}/attendees/{attendeeId}/attendance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record attendance or completion", description = "REGISTERED → ATTENDED | ABSENT | COMPLETED; ATTENDED → COMPLETED "
            + "| INCOMPLETE. Any other move answers 409 with currentStatus. A coordinator's completion is added to their training "
            + "record (course title and the session's fiscal year), which moves the coordinator's version on.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "completed", ref = "TrainingAttendance")))
    @APIResponse(responseCode = "200", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrainingViews.AttendeeView.class), examples = @ExampleObject(name = "completed", ref = "TrainingAttendee")))
    public TrainingViews.AttendeeView recordTrainingAttendance(@Parameter(description = "Session id", example = "9") @PathParam("id") long id,
            @Parameter(description = "Attendee id", example = "31") @PathParam("attendeeId") long attendeeId,
            @Valid @NotNull TrainingViews.AttendanceRequest request) {
        return service.recordAttendance(id, attendeeId, request);
    }

    @GET
    @Path("/statistics")
    @Produces({ MediaType.APPLICATION_JSON, Output.CSV })
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.ANALYST })
    @Operation(summary = "Training completions by profession × fiscal year",
            description = "Completions (attendees COMPLETED by today) of the courses of one kind (default BASIC, 養成研修) or of one course, "
                    + "per fiscal year of the session, with running totals and each profession's share: the shape of the council's "
                    + "slide. Every profession is listed, zeros included. Period: fiscal years from..to (default: the five up to the "
                    + "current one). Your prefecture only. Exact counts for every role allowed: they count professionals, not children. "
                    + "JSON by default; CSV with format=csv or Accept: text/csv (UTF-8 with BOM or Windows-31J, CRLF, labels=ja|en|code, "
                    + "cells starting with = + - @ neutralised); table=byYear (counts, 合計, 構成比（%）) or cumulative (running totals). "
                    + "CSV exports are audited (STATS_EXPORT).")
    @APIResponse(responseCode = "200", description = "The table", headers = @Header(name = "Content-Disposition",
            description = "CSV only: attachment; filename=\"training-13-BASIC-byYear-FY2018-FY2022.csv\"", schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TrainingViews.Statistics.class),
                            examples = @ExampleObject(name = "two years", ref = "TrainingStatistics")),
                    @Content(mediaType = Output.CSV, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "csv", ref = "TrainingStatisticsCsv")) })
    public Response getTrainingStatistics(
            @Parameter(description = "Course kind (default BASIC)") @QueryParam("kind") CourseKind kind,
            @Parameter(description = "One course, by code", example = "coordinator-basic") @QueryParam("course") @Pattern(regexp = TrainingViews.CODE) String course,
            @Parameter(description = "First fiscal year", example = "2018") @QueryParam("from") @Min(2000) @Max(2100) Integer from,
            @Parameter(description = "Last fiscal year (default: the current one)", example = "2022") @QueryParam("to") @Min(2000) @Max(2100) Integer to,
            @Parameter(description = "Which table the CSV carries (default byYear)", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "byYear", "cumulative" })) @QueryParam("table") @Pattern(regexp = "^(byYear|cumulative)$") String table,
            @BeanParam OutputParams outputParams) {
        Output output = outputParams.negotiate();
        TrainingStatistics.StatsQuery q = new TrainingStatistics.StatsQuery(kind, course, from, to);
        if (!output.csv()) {
            return Response.ok(statistics.statistics(q)).type(MediaType.APPLICATION_JSON).build();
        }
        TrainingStatistics.Export export = statistics.export(q, "cumulative".equals(table) ? TrainingStatistics.CsvTable.CUMULATIVE
                : TrainingStatistics.CsvTable.BY_YEAR, output);
        return Response.ok(export.body()).type(export.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + export.filename() + "\"").build();
    }

    @GET
    @Path("/coverage")
    @RolesAllowed({ Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF })
    @Operation(summary = "Municipalities without a trained, active coordinator",
            description = "For every municipality a unit of your prefecture covers today (Japan's day), grouped by that unit (a municipal "
                    + "office counts under its parent): those where no active coordinator covering it has completed a BASIC course "
                    + "(養成研修) by today, and those where none completed a FOLLOW_UP course in the last followUpYears years. "
                    + "Completions are those recorded through the training register. Branch staff see the municipalities their "
                    + "branch covers today.")
    @APIResponse(responseCode = "200", description = "The gaps", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrainingViews.Coverage.class), examples = @ExampleObject(name = "one branch", ref = "TrainingCoverage")))
    public TrainingViews.Coverage getTrainingCoverage(
            @Parameter(description = "How many years back a follow-up counts as recent (1..20, default 3)", example = "3")
            @QueryParam("followUpYears") @DefaultValue("3") @Min(1) @Max(20) int followUpYears) {
        return statistics.coverage(followUpYears);
    }
}
