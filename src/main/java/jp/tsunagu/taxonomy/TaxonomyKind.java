package jp.tsunagu.taxonomy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A vocabulary of the consultation taxonomy: requester types, topics, channels, medical-care types. */
@Entity
@Table(name = "taxonomy_kind")
public class TaxonomyKind {

    @Id
    @Column(name = "kind")
    public String kind;

    @Column(name = "label_ja", nullable = false)
    public String labelJa;

    @Column(name = "label_en", nullable = false)
    public String labelEn;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;
}
