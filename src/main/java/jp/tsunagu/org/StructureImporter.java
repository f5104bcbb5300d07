package jp.tsunagu.org;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.Problem;
import jp.tsunagu.common.problem.ProblemType;

/**
 * Imports a prefecture's structure (units and coverage periods) from CSV, all or nothing, and
 * idempotently: units are matched by code, coverage periods by (municipality, start date). Every
 * problem is reported with its line number; nothing is written unless the whole file is valid.
 * The format is documented in the README ("Setting up a prefecture").
 */
@ApplicationScoped
public class StructureImporter {

    public static final List<String> COLUMNS = List.of("record", "code", "kind", "prefecture", "parent_code", "name_ja",
            "name_kana", "lgcode", "valid_from", "valid_to", "phone", "web_form_url", "opening_hours");
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    private static final Pattern PREF = Pattern.compile("\\d{2}");
    private static final int MAX_ERRORS = 50;

    private final EntityManager em;
    private final OrgRepository repository;
    private final jp.tsunagu.audit.AuditLog audit;

    public StructureImporter(EntityManager em, OrgRepository repository, jp.tsunagu.audit.AuditLog audit) {
        this.em = em;
        this.repository = repository;
        this.audit = audit;
    }

    private record UnitRow(int line, String code, UnitKind kind, String prefecture, String parentCode, String nameJa,
            String nameKana, String lgcode, LocalDate from, LocalDate to, String phone, String webFormUrl, String hours) {
    }

    private record CoverageRow(int line, String unitCode, String lgcode, LocalDate from, LocalDate to) {
    }

    /** What the file would touch, for the caller's authorization check before anything is written. */
    public record Scope(Set<String> prefectures, Set<String> unitCodes) {
    }

    @Transactional
    public OrgViews.ImportResult importCsv(Reader csv, Consumer<Scope> authorize) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, UnitRow> units = new LinkedHashMap<>();
        List<CoverageRow> coverage = new ArrayList<>();
        parse(csv, errors, units, coverage);
        Map<String, OrgUnit> existing = new HashMap<>();
        if (errors.isEmpty()) {
            crossCheck(units, coverage, existing, errors);
        }
        if (!errors.isEmpty()) {
            throw rejected(errors);
        }
        Set<String> prefectures = new TreeSet<>();
        units.values().forEach(u -> prefectures.add(u.prefecture()));
        coverage.forEach(c -> prefectures.add(c.lgcode().substring(0, 2)));
        authorize.accept(new Scope(prefectures, units.keySet()));
        OrgViews.ImportResult result = apply(units, coverage, existing);
        audit.record("STRUCTURE_IMPORT", "prefecture", String.join(",", prefectures), result.toString());
        return result;
    }

    private void parse(Reader input, List<Problem.FieldError> errors, Map<String, UnitRow> units, List<CoverageRow> coverage) {
        String text;
        try {
            text = new java.io.BufferedReader(input).lines().collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        } catch (java.io.UncheckedIOException e) {
            errors.add(error(0, "file", "could not be read"));
            return;
        }
        // Every line ends with a line break, so the parser's line count after a record is that record's line.
        Reader csv = new java.io.StringReader(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setCommentMarker('#').get();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            List<String> header = parser.getHeaderNames();
            if (!header.equals(COLUMNS)) {
                errors.add(error(1, "header", "must be exactly: " + String.join(",", COLUMNS)));
                return;
            }
            for (CSVRecord record : parser) {
                if (errors.size() >= MAX_ERRORS) {
                    return;
                }
                int line = (int) parser.getCurrentLineNumber();
                if (!record.isConsistent()) {
                    errors.add(error(line, "record", "has " + record.size() + " columns, expected " + COLUMNS.size()));
                    continue;
                }
                switch (record.get("record")) {
                    case "unit" -> parseUnit(line, record, errors, units);
                    case "coverage" -> parseCoverage(line, record, errors, coverage);
                    default -> errors.add(error(line, "record", "must be 'unit' or 'coverage', was '" + record.get("record") + "'"));
                }
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            // the parser's complaints: unclosed quotes, text after a quote, a header it cannot take (blank or repeated names)
            errors.add(unreadable(e));
        }
    }

    /** What the CSV parser could not read, in words and with the line, never the parser's class names. */
    private static Problem.FieldError unreadable(Exception e) {
        Throwable cause = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        java.util.regex.Matcher start = java.util.regex.Pattern.compile("\\(startline (\\d+)\\)").matcher(message);
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("line (\\d+)").matcher(message);
        if (start.find() && message.contains("EOF")) {
            return error(Integer.parseInt(start.group(1)), "file", "a quoted field that starts on line " + start.group(1)
                    + " is never closed: every opening \" needs a closing \"");
        }
        if (message.contains("invalid char between encapsulated token and delimiter") && line.find()) {
            return error(Integer.parseInt(line.group(1)), "file", "line " + line.group(1)
                    + " has text right after a closing quote: a quote inside a quoted field is written twice (\"\")");
        }
        if (message.contains("header") || message.contains("duplicate")) {
            return error(1, "header", "must be exactly: " + String.join(",", COLUMNS));
        }
        return error(line.find() ? Integer.parseInt(line.group(1)) : 0, "file", "is not readable as CSV (UTF-8, comma-separated, header line first)");
    }

    private void parseUnit(int line, CSVRecord r, List<Problem.FieldError> errors, Map<String, UnitRow> units) {
        int before = errors.size();
        String code = r.get("code");
        if (!CODE.matcher(code).matches()) {
            errors.add(error(line, "code", "must be 2-64 lower-case letters, digits and hyphens"));
        } else if (units.containsKey(code)) {
            errors.add(error(line, "code", "unit " + code + " already defined on line " + units.get(code).line()));
        }
        UnitKind kind = null;
        try {
            kind = UnitKind.valueOf(r.get("kind"));
        } catch (IllegalArgumentException e) {
            errors.add(error(line, "kind", "must be one of " + List.of(UnitKind.values())));
        }
        String pref = r.get("prefecture");
        if (!PREF.matcher(pref).matches()) {
            errors.add(error(line, "prefecture", "must be a 2-digit prefecture code"));
        }
        String parent = blankToNull(r.get("parent_code"));
        if (kind == UnitKind.CENTER && parent != null) {
            errors.add(error(line, "parent_code", "a CENTER has no parent"));
        }
        if (kind != null && kind != UnitKind.CENTER && parent == null) {
            errors.add(error(line, "parent_code", "is required for a " + kind));
        }
        String name = r.get("name_ja");
        if (name.isEmpty() || name.length() > 100) {
            errors.add(error(line, "name_ja", "is required, at most 100 characters"));
        }
        String lgcode = blankToNull(r.get("lgcode"));
        if (kind != null && kind.belongsToOneMunicipality() && lgcode == null) {
            errors.add(error(line, "lgcode", "is required for a " + kind));
        }
        if (lgcode != null) {
            checkLgcode(line, lgcode, errors);
        }
        LocalDate from = date(line, "valid_from", r.get("valid_from"), true, errors);
        LocalDate to = date(line, "valid_to", r.get("valid_to"), false, errors);
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add(error(line, "valid_to", "must be after valid_from"));
        }
        if (errors.size() == before) {
            units.put(code, new UnitRow(line, code, kind, pref, parent, name, blankToNull(r.get("name_kana")), lgcode, from, to,
                    blankToNull(r.get("phone")), blankToNull(r.get("web_form_url")), blankToNull(r.get("opening_hours"))));
        }
    }

    private void parseCoverage(int line, CSVRecord r, List<Problem.FieldError> errors, List<CoverageRow> coverage) {
        int before = errors.size();
        String unit = r.get("code");
        if (!CODE.matcher(unit).matches()) {
            errors.add(error(line, "code", "must name the covering unit"));
        }
        String lgcode = r.get("lgcode");
        checkLgcode(line, lgcode, errors);
        LocalDate from = date(line, "valid_from", r.get("valid_from"), true, errors);
        LocalDate to = date(line, "valid_to", r.get("valid_to"), false, errors);
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add(error(line, "valid_to", "must be after valid_from"));
        }
        if (errors.size() == before) {
            coverage.add(new CoverageRow(line, unit, lgcode, from, to));
        }
    }

    private void checkLgcode(int line, String lgcode, List<Problem.FieldError> errors) {
        String problem = LgCodes.problemWith(lgcode);
        if (problem != null) {
            errors.add(error(line, "lgcode", lgcode + " " + problem));
        } else if (repository.municipality(lgcode).isEmpty()) {
            errors.add(error(line, "lgcode", "unknown municipality " + lgcode));
        }
    }

    private void crossCheck(Map<String, UnitRow> units, List<CoverageRow> coverage, Map<String, OrgUnit> existing,
            List<Problem.FieldError> errors) {
        for (UnitRow u : units.values()) {
            repository.unitByCode(u.code()).ifPresent(found -> existing.put(u.code(), found));
            if (u.parentCode() != null) {
                String parentPref = units.containsKey(u.parentCode()) ? units.get(u.parentCode()).prefecture()
                        : repository.unitByCode(u.parentCode()).map(p -> p.prefCode).orElse(null);
                if (parentPref == null) {
                    errors.add(error(u.line(), "parent_code", "unknown parent unit " + u.parentCode()));
                } else if (!parentPref.equals(u.prefecture())) {
                    errors.add(error(u.line(), "parent_code", "parent " + u.parentCode() + " is in prefecture " + parentPref));
                }
            }
            if (u.lgcode() != null && !u.lgcode().startsWith(u.prefecture())) {
                errors.add(error(u.line(), "lgcode", u.lgcode() + " is not in prefecture " + u.prefecture()));
            }
        }
        Map<String, List<CoverageRow>> byMunicipality = new HashMap<>();
        for (CoverageRow c : coverage) {
            String unitPref = units.containsKey(c.unitCode()) ? units.get(c.unitCode()).prefecture()
                    : repository.unitByCode(c.unitCode()).map(u -> u.prefCode).orElse(null);
            if (unitPref == null) {
                errors.add(error(c.line(), "code", "unknown unit " + c.unitCode()));
                continue;
            }
            if (!c.lgcode().startsWith(unitPref)) {
                errors.add(error(c.line(), "lgcode", c.lgcode() + " is not in prefecture " + unitPref));
            }
            for (CoverageRow other : byMunicipality.computeIfAbsent(c.lgcode(), k -> new ArrayList<>())) {
                if (overlaps(other.from(), other.to(), c.from(), c.to())) {
                    errors.add(error(c.line(), "valid_from", "period overlaps line " + other.line() + " for " + c.lgcode()));
                }
            }
            byMunicipality.get(c.lgcode()).add(c);
        }
    }

    private OrgViews.ImportResult apply(Map<String, UnitRow> units, List<CoverageRow> coverage, Map<String, OrgUnit> existing) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        Map<String, OrgUnit> saved = new HashMap<>(existing);
        // Parents before children: repeat over the rows until every parent is saved (the cross-check proved they exist).
        List<UnitRow> pending = new ArrayList<>(units.values());
        while (!pending.isEmpty()) {
            List<UnitRow> next = new ArrayList<>();
            for (UnitRow row : pending) {
                Long parentId = null;
                if (row.parentCode() != null) {
                    OrgUnit parent = saved.containsKey(row.parentCode()) && saved.get(row.parentCode()).id != null
                            ? saved.get(row.parentCode()) : repository.unitByCode(row.parentCode()).orElse(null);
                    if (parent == null || (units.containsKey(row.parentCode()) && pending.stream().anyMatch(p -> p.code().equals(row.parentCode()))
                            && !saved.containsKey(row.parentCode()))) {
                        next.add(row);
                        continue;
                    }
                    parentId = parent.id;
                }
                OrgUnit unit = saved.get(row.code());
                boolean isNew = unit == null;
                if (isNew) {
                    unit = new OrgUnit();
                    unit.code = row.code();
                }
                boolean changed = copy(row, parentId, unit);
                if (isNew) {
                    em.persist(unit);
                    created++;
                } else if (changed) {
                    updated++;
                } else {
                    unchanged++;
                }
                em.flush();
                saved.put(row.code(), unit);
            }
            if (next.size() == pending.size()) {
                throw rejected(next.stream().map(r -> error(r.line(), "parent_code", "parent cycle through " + r.parentCode())).toList());
            }
            pending = next;
        }

        int coverageCreated = 0;
        int coverageUpdated = 0;
        int coverageUnchanged = 0;
        Map<String, Integer> lineOf = new HashMap<>();
        for (CoverageRow row : coverage) {
            Long unitId = saved.containsKey(row.unitCode()) ? saved.get(row.unitCode()).id
                    : repository.unitByCode(row.unitCode()).orElseThrow().id;
            lineOf.put(row.lgcode(), row.line());
            repository.lockMunicipality(row.lgcode());
            Coverage found = repository.coverageHistory(row.lgcode()).stream()
                    .filter(c -> c.validFrom.equals(row.from())).findFirst().orElse(null);
            if (found == null) {
                em.persist(new Coverage(unitId, row.lgcode(), row.from(), row.to()));
                coverageCreated++;
            } else if (found.unitId.equals(unitId) && Objects.equals(found.validTo, row.to())) {
                coverageUnchanged++;
            } else {
                found.unitId = unitId;
                found.validTo = row.to();
                coverageUpdated++;
            }
        }
        em.flush();
        // The file may be consistent in itself and still overlap periods already stored.
        List<Problem.FieldError> overlaps = new ArrayList<>();
        for (var entry : lineOf.entrySet()) {
            List<Coverage> history = repository.coverageHistory(entry.getKey());
            for (int i = 1; i < history.size(); i++) {
                Coverage previous = history.get(i - 1);
                if (previous.validTo == null || previous.validTo.isAfter(history.get(i).validFrom)) {
                    overlaps.add(error(entry.getValue(), "valid_from", "coverage of " + entry.getKey()
                            + " would overlap the stored period from " + previous.validFrom));
                    break;
                }
            }
        }
        if (!overlaps.isEmpty()) {
            throw rejected(overlaps);
        }
        return new OrgViews.ImportResult(created, updated, unchanged, coverageCreated, coverageUpdated, coverageUnchanged);
    }

    private static boolean copy(UnitRow row, Long parentId, OrgUnit unit) {
        boolean changed = !Objects.equals(unit.kind, row.kind()) || !Objects.equals(unit.prefCode, row.prefecture())
                || !Objects.equals(unit.parentId, parentId) || !Objects.equals(unit.nameJa, row.nameJa())
                || !Objects.equals(unit.nameKana, row.nameKana()) || !Objects.equals(unit.lgcode, row.lgcode())
                || !Objects.equals(unit.activeFrom, row.from()) || !Objects.equals(unit.activeTo, row.to())
                || !Objects.equals(unit.phone, row.phone()) || !Objects.equals(unit.webFormUrl, row.webFormUrl())
                || !Objects.equals(unit.openingHours, row.hours());
        if (changed) {
            unit.kind = row.kind();
            unit.prefCode = row.prefecture();
            unit.parentId = parentId;
            unit.nameJa = row.nameJa();
            unit.nameKana = row.nameKana();
            unit.lgcode = row.lgcode();
            unit.activeFrom = row.from();
            unit.activeTo = row.to();
            unit.phone = row.phone();
            unit.webFormUrl = row.webFormUrl();
            unit.openingHours = row.hours();
        }
        return changed;
    }

    private static boolean overlaps(LocalDate aFrom, LocalDate aTo, LocalDate bFrom, LocalDate bTo) {
        return (aTo == null || bFrom.isBefore(aTo)) && (bTo == null || aFrom.isBefore(bTo));
    }

    private static LocalDate date(int line, String column, String value, boolean required, List<Problem.FieldError> errors) {
        if (value == null || value.isEmpty()) {
            if (required) {
                errors.add(error(line, column, "is required (YYYY-MM-DD)"));
            }
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(error(line, column, "must be a date YYYY-MM-DD, was '" + value + "'"));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Problem.FieldError error(int line, String column, String message) {
        return new Problem.FieldError("line " + line + ": " + column, message, "import-line");
    }

    private static ApiProblem rejected(List<Problem.FieldError> errors) {
        Problem.FieldError first = errors.get(0);
        return new ApiProblem(ProblemType.VALIDATION_FAILED,
                "The file was rejected, nothing was imported. First problem: " + first.field() + " " + first.message()
                        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "") + ".",
                errors, Map.of());
    }
}
