package jp.tsunagu.org;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Japanese municipality (or ward of a designated city), keyed by its 全国地方公共団体コード. */
@Entity
@Table(name = "municipality")
public class Municipality {

    @Id
    public String lgcode;

    @Column(name = "pref_code", nullable = false)
    public String prefCode;

    @Column(name = "pref_name", nullable = false)
    public String prefName;

    @Column(nullable = false)
    public String name;

    @Column(name = "name_kana", nullable = false)
    public String nameKana;

    public BigDecimal latitude;

    public BigDecimal longitude;
}
