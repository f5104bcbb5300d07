package jp.tsunagu.stats;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.query.NativeQuery;

/** A native SQL statement with named parameters, built up piece by piece. Collections bind as IN lists. */
final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    Sql append(String sql) {
        text.append(sql);
        return this;
    }

    Sql bind(String name, Object value) {
        params.put(name, value);
        return this;
    }

    Sql appendAll(Sql other) {
        text.append(other.text);
        params.putAll(other.params);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    List<Object[]> rows(EntityManager em) {
        List<?> result = query(em).getResultList();
        if (!result.isEmpty() && !(result.get(0) instanceof Object[])) {
            return result.stream().map(o -> new Object[] { o }).toList();
        }
        return (List<Object[]>) result;
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private Query query(EntityManager em) {
        Query q = em.createNativeQuery(text.toString());
        NativeQuery<?> nq = q.unwrap(NativeQuery.class);
        params.forEach((name, value) -> {
            if (value instanceof Collection<?> list) {
                nq.setParameterList(name, (Collection) list);
            } else {
                nq.setParameter(name, value);
            }
        });
        return q;
    }

    static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static String key(Object o) {
        return o == null ? null : o.toString();
    }
}
