package jp.tsunagu.disaster;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The disaster plans' settings. */
@ConfigMapping(prefix = "tsunagu.disaster")
public interface DisasterSettings {

    /** A plan is reviewed this many months after its last review (yearly). */
    @WithDefault("12")
    int reviewMonths();

    /** The due list shows plans whose review falls within this many days (overdue ones always). */
    @WithDefault("30")
    int dueWithinDays();

    /** Medical-care types whose devices need power: a child with one of them needs a plan. */
    @WithDefault("VENTILATOR,OXYGEN,SUCTION,NEBULIZER,TUBE_FEEDING,CENTRAL_VENOUS_CATHETER,DIALYSIS")
    List<String> powerDependentCareTypes();
}
