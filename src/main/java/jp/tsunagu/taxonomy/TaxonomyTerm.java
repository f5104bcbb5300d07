package jp.tsunagu.taxonomy;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One code of a taxonomy vocabulary, with its Japanese and English label. */
@Entity
@Table(name = "taxonomy_term")
@IdClass(TaxonomyTerm.Key.class)
public class TaxonomyTerm {

    @Id
    @Column(name = "kind")
    public String kind;

    @Id
    @Column(name = "code")
    public String code;

    @Column(name = "label_ja", nullable = false)
    public String labelJa;

    @Column(name = "label_en", nullable = false)
    public String labelEn;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    @Column(name = "active", nullable = false)
    public boolean active;

    public static class Key implements Serializable {
        public String kind;
        public String code;

        public Key() {
        }

        public Key(String kind, String code) {
            this.kind = kind;
            this.code = code;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(kind, k.kind) && Objects.equals(code, k.code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, code);
        }
    }
}
