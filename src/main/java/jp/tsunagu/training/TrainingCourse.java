package jp.tsunagu.training;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;


/** A course a prefecture runs for coordinators (養成研修, フォローアップ研修 ...). */
@Entity
@Table(name = "training_course")
public class TrainingCourse {

    @Version
    public long version;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "pref_code", nullable = false)
    public String prefCode;

    @Column(nullable = false)
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CourseKind kind;

    @Column(name = "title_ja", nullable = false)
    public String titleJa;

    @Column(name = "title_en")
    public String titleEn;
}
