package jp.tsunagu.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.org.Visibility;

/**
 * The change feed: published events the caller may read now ({@link EventScope}), in feed order, from a cursor.
 * Feed order keeps each subject's events in version order.
 */
@ApplicationScoped
public class EventFeed {

    static final String COLUMNS = "e.seq, e.id, e.type, date_format(e.occurred_at, '%Y-%m-%dT%H:%i:%s.%fZ'), e.subject_type, e.subject_id, e.subject_version, e.pref_code,"
            + " e.units, e.data, e.feed_position";

    private final EntityManager em;
    private final Visibility visibility;
    private final ObjectMapper json;
    private final EventsSettings settings;

    public EventFeed(EntityManager em, Visibility visibility, ObjectMapper json, EventsSettings settings) {
        this.em = em;
        this.visibility = visibility;
        this.json = json;
        this.settings = settings;
    }

    public EventViews.EventPage read(String after, String types, int limit, int waitSeconds) {
        long from = Cursor.parse(after, "after");
        Set<String> wanted = types(types, "types");
        if (Duration.ofSeconds(waitSeconds).compareTo(settings.feedMaxWait()) > 0) {
            throw ApiProblem.invalidField("wait", "is at most " + settings.feedMaxWait().toSeconds() + " seconds", "too-long");
        }
        AccessRules.Scope scope = visibility.scope();
        Instant deadline = Instant.now().plusSeconds(waitSeconds);
        while (true) {
            EventViews.EventPage page = QuarkusTransaction.requiringNew().call(() -> page(scope, from, wanted, limit));
            if (!page.items().isEmpty() || !Instant.now().isBefore(deadline)) {
                return page;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return page;
            }
        }
    }

    /** Event type codes from a comma-separated list; empty means all. */
    static Set<String> types(String types, String parameter) {
        Set<String> wanted = new LinkedHashSet<>();
        if (types == null || types.isBlank()) {
            return wanted;
        }
        for (String t : types.split(",")) {
            String code = t.strip();
            if (EventType.ofCode(code).isEmpty()) {
                throw new ApiProblem(jp.tsunagu.common.problem.ProblemType.VALIDATION_FAILED, "unknown event type " + code,
                        List.of(new jp.tsunagu.common.problem.Problem.FieldError(parameter, "unknown event type " + code, "unknown-type")),
                        Map.of("allowedValues", Arrays.stream(EventType.values()).map(EventType::code).toList()));
            }
            wanted.add(code);
        }
        return wanted;
    }

    private EventViews.EventPage page(AccessRules.Scope scope, long after, Set<String> types, int limit) {
        // The head first: in this transaction's snapshot every position up to it is visible, so an empty scan may skip to it.
        long head = ((Number) em.createNativeQuery("select last_position from event_publisher where name = 'feed'").getSingleResult()).longValue();
        AccessRules.Condition visible = EventScope.condition(scope, "e");
        Map<String, Object> p = new HashMap<>(visible.parameters());
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from event e where e.feed_position > :after and e.feed_position <= :head and ")
                .append(visible.text());
        p.put("after", after);
        p.put("head", head);
        if (!types.isEmpty()) {
            sql.append(" and e.type in (:types)");
            p.put("types", List.copyOf(types));
        }
        sql.append(" order by e.feed_position limit ").append(limit + 1);
        Query q = em.createNativeQuery(sql.toString());
        p.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        boolean more = rows.size() > limit;
        List<EventViews.EventView> items = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(limit, rows.size()))) {
            items.add(view(row, true));
        }
        long next = more ? ((Number) rows.get(items.size() - 1)[10]).longValue() : Math.max(after, head);
        return new EventViews.EventPage(items, Cursor.of(next), more);
    }

    EventViews.EventView view(Object[] row, boolean withCursor) {
        return new EventViews.EventView((String) row[1], (String) row[2], instant(row[3]),
                new EventViews.SubjectView((String) row[4], (String) row[5], ((Number) row[6]).longValue()), (String) row[7],
                read((String) row[8], new TypeReference<List<String>>() {
                }), read((String) row[9], new TypeReference<Map<String, Object>>() {
                }), withCursor && row[10] != null ? Cursor.of(((Number) row[10]).longValue()) : null);
    }

    /** DATETIME columns are UTC; they are selected as ISO text so no JDBC time-zone conversion can shift them. */
    static Instant instant(Object value) {
        return Instant.parse(value.toString());
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event JSON unreadable", e);
        }
    }
}
