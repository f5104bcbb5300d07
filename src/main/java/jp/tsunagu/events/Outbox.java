package jp.tsunagu.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.org.OrgRepository;

/**
 * The transactional outbox: services call it inside the transaction of their change, so an event exists exactly
 * when the change committed. Payloads are thin (ids, states, codes, unit codes); never pass names, texts or dates
 * of birth. The dispatcher publishes and delivers after the commit; nothing here waits on a receiver.
 */
@ApplicationScoped
public class Outbox {

    /** Fired inside the writing transaction; the dispatcher observes it after a successful commit to wake up. */
    public record Written(String eventId) {
    }

    private final EntityManager em;
    private final OrgRepository org;
    private final ObjectMapper json;
    private final Clock clock;
    private final Event<Written> written;

    public Outbox(EntityManager em, OrgRepository org, ObjectMapper json, Clock clock, Event<Written> written) {
        this.em = em;
        this.org = org;
        this.json = json;
        this.clock = clock;
        this.written = written;
    }

    /** A consultation's event; its units are the receiving and the owning unit. */
    public void consultation(EventType type, String consultationId, String prefCode, Long receivingUnitId, Long ownerUnitId, Object... data) {
        record(type, consultationId, prefCode, java.util.Arrays.asList(receivingUnitId, ownerUnitId),
                data("consultationId", consultationId).with(data));
    }

    /** A referral's event; its units are the sender and the receiver. */
    public void referral(EventType type, String referralId, String prefCode, Long senderUnitId, Long receiverUnitId, Object... data) {
        record(type, referralId, prefCode, java.util.Arrays.asList(senderUnitId, receiverUnitId), data("referralId", referralId).with(data));
    }

    /** A child's event (registration, consents); its unit is the one that registered the child. */
    public void child(EventType type, String childId, String prefCode, Long registeredByUnitId, Object... data) {
        record(type, childId, prefCode, java.util.Arrays.asList(registeredByUnitId), data("childId", childId).with(data));
    }

    /**
     * Writes one event of {@code subjectId}, with the next version of that subject. The upsert on event_stream
     * takes the subject's row lock until commit, so concurrent writers of one subject queue and number in order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String record(EventType type, String subjectId, String prefCode, Collection<Long> unitIds, Data data) {
        Objects.requireNonNull(subjectId, "subjectId");
        String subject = type.subject().code();
        em.createNativeQuery("insert into event_stream (subject_type, subject_id, version) values (?1, ?2, 1)"
                + " on duplicate key update version = version + 1").setParameter(1, subject).setParameter(2, subjectId).executeUpdate();
        long version = ((Number) em.createNativeQuery("select version from event_stream where subject_type = ?1 and subject_id = ?2")
                .setParameter(1, subject).setParameter(2, subjectId).getSingleResult()).longValue();
        Map<Long, String> codes = org.codesOf(unitIds.stream().filter(Objects::nonNull).distinct().toList());
        List<String> units = new ArrayList<>(unitIds.stream().filter(Objects::nonNull).distinct().map(codes::get).filter(Objects::nonNull).toList());
        String id = UUID.randomUUID().toString();
        em.createNativeQuery("insert into event (id, type, occurred_at, subject_type, subject_id, subject_version, pref_code, units, data)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, id).setParameter(2, type.code()).setParameter(3, clock.instant()).setParameter(4, subject)
                .setParameter(5, subjectId).setParameter(6, version).setParameter(7, prefCode).setParameter(8, write(units))
                .setParameter(9, write(data.values)).executeUpdate();
        written.fire(new Written(id));
        return id;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payload not serialisable", e);
        }
    }

    /** Starts a payload from name/value pairs; null values are left out. */
    public static Data data(Object... pairs) {
        return new Data().with(pairs);
    }

    /** A thin payload: names to ids, states, codes (enums are written by name). */
    public static final class Data {

        private final Map<String, Object> values = new LinkedHashMap<>();

        public Data with(Object... pairs) {
            if (pairs.length % 2 != 0) {
                throw new IllegalArgumentException("name/value pairs expected");
            }
            for (int i = 0; i < pairs.length; i += 2) {
                Object v = pairs[i + 1];
                if (v != null) {
                    values.put(pairs[i].toString(), v instanceof Enum<?> e ? e.name() : v instanceof Collection<?> c
                            ? c.stream().map(x -> x instanceof Enum<?> e2 ? e2.name() : x).toList() : v);
                }
            }
            return this;
        }
    }
}
