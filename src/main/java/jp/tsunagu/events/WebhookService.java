package jp.tsunagu.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.Roles;
import jp.tsunagu.org.OrgRepository;
import jp.tsunagu.org.Visibility;

/**
 * Webhook subscriptions of the caller: a partner client's own, or its unit's for staff. Nobody sees or changes
 * another owner's subscription (404, audited). Deliveries are scoped like the owner's reads ({@link EventScope}).
 */
@ApplicationScoped
public class WebhookService {

    /** The staff roles in the order a subscription takes its owner's role from (the widest first). */
    private static final List<String> STAFF = List.of(Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR);
    private static final int MAX_REDELIVERY = 1000;

    private final EntityManager em;
    private final Caller caller;
    private final Visibility visibility;
    private final OrgRepository org;
    private final SecretBox box;
    private final EventScope scopes;
    private final Dispatcher dispatcher;
    private final EventsSettings settings;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Clock clock;

    public WebhookService(EntityManager em, Caller caller, Visibility visibility, OrgRepository org, SecretBox box, EventScope scopes,
            Dispatcher dispatcher, EventsSettings settings, ObjectMapper json, AuditLog audit, Clock clock) {
        this.em = em;
        this.caller = caller;
        this.visibility = visibility;
        this.org = org;
        this.box = box;
        this.scopes = scopes;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public EventViews.SubscriptionView create(EventViews.SubscriptionRequest r) {
        box.requireConfigured();
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID().toString();
        if (visibility.reach() == AccessRules.Reach.PARTNER) {
            s.ownerKind = "CLIENT";
            s.ownerClientId = visibility.clientId();
            s.ownerRole = Roles.PARTNER_SYSTEM;
        } else {
            String role = STAFF.stream().filter(caller::hasRole).findFirst().orElse(null);
            if (visibility.unit() == null || role == null) {
                throw audit.refuse("WEBHOOK_CREATE", "webhook-subscription", null, "Subscriptions belong to a partner client or to a known unit.");
            }
            s.ownerKind = "UNIT";
            s.ownerUnitId = visibility.unit().id;
            s.ownerRole = role;
        }
        s.prefCode = visibility.unit() == null ? "--" : visibility.unit().prefCode;
        s.url = r.url().strip();
        new TargetPolicy(settings.webhooks().allowHttp(), settings.webhooks().allowPrivateTargets()).refusal(s.url)
                .ifPresent(why -> {
                    throw ApiProblem.invalidField("url", why, "target-refused");
                });
        List<String> types = new ArrayList<>(EventFeed.types(r.eventTypes() == null ? null : String.join(",", r.eventTypes()), "eventTypes"));
        s.eventTypes = write(types);
        s.description = r.description() == null ? null : r.description().strip();
        String secret = WebhookSignature.newSecret();
        s.secretCurrent = box.seal(s.id, secret);
        s.state = WebhookSubscription.ACTIVE;
        s.createdBy = caller.subject();
        s.createdAt = clock.instant();
        s.fromPosition = ((Number) em.createNativeQuery("select last_position from event_publisher where name = 'feed'").getSingleResult()).longValue();
        em.persist(s);
        em.flush();
        audit.record("WEBHOOK_CREATE", "webhook-subscription", s.id, s.ownerKind + " " + types);
        return view(s, secret);
    }

    @Transactional
    public List<EventViews.SubscriptionView> list() {
        List<WebhookSubscription> own = visibility.reach() == AccessRules.Reach.PARTNER
                ? em.createQuery("from WebhookSubscription s where s.ownerKind = 'CLIENT' and s.ownerClientId = :c order by s.createdAt, s.id",
                        WebhookSubscription.class).setParameter("c", visibility.clientId()).getResultList()
                : em.createQuery("from WebhookSubscription s where s.ownerKind = 'UNIT' and s.ownerUnitId = :u order by s.createdAt, s.id",
                        WebhookSubscription.class).setParameter("u", visibility.unit() == null ? Visibility.NO_UNIT : visibility.unit().id)
                        .getResultList();
        return own.stream().map(s -> view(s, null)).toList();
    }

    @Transactional
    public EventViews.SubscriptionView get(String id) {
        return view(requireOwn(id, LockModeType.NONE), null);
    }

    /** A new secret; the previous one keeps signing beside it for {@code previous-secret-validity}. */
    @Transactional
    public EventViews.SubscriptionView rotate(String id) {
        box.requireConfigured();
        WebhookSubscription s = requireOwn(id, LockModeType.PESSIMISTIC_WRITE);
        String secret = WebhookSignature.newSecret();
        s.secretPrevious = s.secretCurrent;
        s.previousUntil = clock.instant().plus(settings.webhooks().previousSecretValidity());
        s.secretCurrent = box.seal(s.id, secret);
        em.flush();
        audit.record("WEBHOOK_ROTATE", "webhook-subscription", s.id, "previous valid until " + s.previousUntil);
        return view(s, secret);
    }

    /** Back to ACTIVE: waiting deliveries resume; failed ones stay failed (redeliver them). */
    @Transactional
    public EventViews.SubscriptionView reactivate(String id) {
        WebhookSubscription s = requireOwn(id, LockModeType.PESSIMISTIC_WRITE);
        s.state = WebhookSubscription.ACTIVE;
        s.disabledReason = null;
        s.disabledAt = null;
        em.flush();
        audit.record("WEBHOOK_REACTIVATE", "webhook-subscription", s.id, null);
        return view(s, null);
    }

    /** Owner-initiated stop, with the reason shown. */
    @Transactional
    public EventViews.SubscriptionView disable(String id) {
        WebhookSubscription s = requireOwn(id, LockModeType.PESSIMISTIC_WRITE);
        if (WebhookSubscription.ACTIVE.equals(s.state)) {
            s.state = WebhookSubscription.DISABLED;
            s.disabledReason = "Disabled by " + caller.subject() + ".";
            s.disabledAt = clock.instant();
            em.flush();
        }
        audit.record("WEBHOOK_DISABLE", "webhook-subscription", s.id, null);
        return view(s, null);
    }

    /**
     * Queues one event, or the events of a feed range, again: each that the subscription's owner may read now and
     * whose type it subscribes to. Same webhook-id as before, so receivers de-duplicate.
     */
    @Transactional
    public EventViews.RedeliveryView redeliver(String id, EventViews.RedeliveryRequest r) {
        WebhookSubscription s = requireOwn(id, LockModeType.NONE);
        boolean one = r.eventId() != null;
        if (one == (r.afterCursor() != null) || one && r.untilCursor() != null) {
            throw ApiProblem.invalidField(one ? "afterCursor" : "eventId", "give either eventId, or afterCursor (and untilCursor)", "one-of");
        }
        AccessRules.Scope scope = scopes.ofOwner(s.ownerRole, s.ownerUnitId == null ? null : org.unit(s.ownerUnitId).map(u -> u.code).orElse(null),
                s.ownerClientId);
        List<Object[]> rows;
        if (one) {
            rows = rows("select seq, feed_position, subject_type, subject_id, type from event where id = ?1 and feed_position is not null", r.eventId());
            if (rows.isEmpty() || dispatcher.visible(scope, List.of(((Number) rows.get(0)[0]).longValue())).isEmpty()) {
                throw ApiProblem.notFound("Event", r.eventId());
            }
        } else {
            long after = Cursor.parse(r.afterCursor(), "afterCursor");
            long until = r.untilCursor() == null ? Long.MAX_VALUE : Cursor.parse(r.untilCursor(), "untilCursor");
            rows = rows("select seq, feed_position, subject_type, subject_id, type from event where feed_position > ?1 and feed_position <= ?2"
                    + " order by feed_position limit " + (MAX_REDELIVERY + 1), after, until);
            if (rows.size() > MAX_REDELIVERY) {
                throw ApiProblem.invalidField("untilCursor", "a redelivery covers at most " + MAX_REDELIVERY + " events; split the range", "range-too-large");
            }
        }
        Set<String> types = Set.copyOf(read(s.eventTypes));
        List<Long> wanted = rows.stream().filter(row -> types.isEmpty() || types.contains((String) row[4])).map(row -> ((Number) row[0]).longValue()).toList();
        List<Long> visible = wanted.isEmpty() ? List.of() : dispatcher.visible(scope, wanted);
        if (one && visible.isEmpty()) {
            throw ApiProblem.invalidField("eventId", "is of a type this subscription does not receive", "type-not-subscribed");
        }
        Instant now = clock.instant();
        for (Object[] row : rows) {
            long seq = ((Number) row[0]).longValue();
            if (visible.contains(seq)) {
                dispatcher.queue(s.id, seq, ((Number) row[1]).longValue(), row[2] + ":" + row[3], now);
            }
        }
        audit.record("WEBHOOK_REDELIVER", "webhook-subscription", s.id, visible.size() + " events");
        return new EventViews.RedeliveryView(visible.size());
    }

    /** The subscription's latest deliveries, newest first. */
    @Transactional
    public List<EventViews.DeliveryView> deliveries(String id, String status, int limit) {
        WebhookSubscription s = requireOwn(id, LockModeType.NONE);
        String f = "'%Y-%m-%dT%H:%i:%s.%fZ'";
        List<Object[]> rows = status == null
                ? rows("select d.id, e.id, e.type, d.status, d.attempts, date_format(d.next_attempt_at, " + f + "), date_format(d.last_attempt_at, " + f
                        + "), d.last_status, d.last_error, date_format(d.delivered_at, " + f + ") from webhook_delivery d join event e on e.seq = d.event_seq"
                        + " where d.subscription_id = ?1 order by d.id desc limit " + limit, s.id)
                : rows("select d.id, e.id, e.type, d.status, d.attempts, date_format(d.next_attempt_at, " + f + "), date_format(d.last_attempt_at, " + f
                        + "), d.last_status, d.last_error, date_format(d.delivered_at, " + f + ") from webhook_delivery d join event e on e.seq = d.event_seq"
                        + " where d.subscription_id = ?1 and d.status = ?2 order by d.id desc limit " + limit, s.id, status);
        return rows.stream().map(r -> new EventViews.DeliveryView(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).intValue(), "PENDING".equals(r[3]) ? instant(r[5]) : null, instant(r[6]),
                r[7] == null ? null : ((Number) r[7]).intValue(), (String) r[8], instant(r[9]))).toList();
    }

    private static Instant instant(Object iso) {
        return iso == null ? null : EventFeed.instant(iso);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.getResultList();
    }

    private WebhookSubscription requireOwn(String id, LockModeType lock) {
        WebhookSubscription s = em.find(WebhookSubscription.class, id, lock);
        boolean own = s != null && (visibility.reach() == AccessRules.Reach.PARTNER
                ? "CLIENT".equals(s.ownerKind) && visibility.clientId().equals(s.ownerClientId)
                : "UNIT".equals(s.ownerKind) && visibility.unit() != null && visibility.unit().id.equals(s.ownerUnitId));
        if (!own) {
            if (s != null) {
                audit.denied("WEBHOOK_READ", "webhook-subscription", id, "not the caller's subscription");
            }
            throw ApiProblem.notFound("Webhook subscription", id);
        }
        return s;
    }

    private EventViews.SubscriptionView view(WebhookSubscription s, String secret) {
        long pending = count(s.id, "PENDING");
        long failed = count(s.id, "FAILED");
        String unitCode = s.ownerUnitId == null ? null : org.unit(s.ownerUnitId).map(u -> u.code).orElse(null);
        Instant previousUntil = s.previousUntil != null && s.previousUntil.isAfter(clock.instant()) ? s.previousUntil : null;
        return new EventViews.SubscriptionView(s.id, new EventViews.OwnerView(s.ownerKind, s.ownerClientId, unitCode), s.url, read(s.eventTypes),
                s.description, s.state, WebhookSubscription.ACTIVE.equals(s.state) ? "有効" : "停止", s.disabledReason, s.disabledAt, s.createdAt,
                previousUntil, pending, failed, secret);
    }

    private long count(String subscriptionId, String status) {
        return ((Number) em.createNativeQuery("select count(*) from webhook_delivery where subscription_id = ?1 and status = ?2")
                .setParameter(1, subscriptionId).setParameter(2, status).getSingleResult()).longValue();
    }

    private String write(List<String> types) {
        try {
            return json.writeValueAsString(types);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
