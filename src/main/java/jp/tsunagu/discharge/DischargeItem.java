package jp.tsunagu.discharge;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One thing to arrange before discharge: who does it (a unit, or an external party) and by when. */
@Entity
@Table(name = "discharge_item")
public class DischargeItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Version
    public long version;

    @Column(name = "plan_id", nullable = false, updatable = false)
    public String planId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ItemKind kind;

    @Column(name = "responsible_unit_id")
    public Long responsibleUnitId;

    @Column(name = "responsible_external")
    public String responsibleExternal;

    @Column(name = "due_on", nullable = false)
    public LocalDate dueOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ItemStatus status = ItemStatus.OPEN;

    public String note;
}
