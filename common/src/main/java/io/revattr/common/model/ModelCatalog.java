package io.revattr.common.model;

import static io.revattr.common.model.Position.CW;
import static io.revattr.common.model.Position.FT;
import static io.revattr.common.model.Position.LC;
import static io.revattr.common.model.Position.LT;
import static io.revattr.common.model.Position.OC;

import io.revattr.common.config.RevattrConfig.CustomModel;
import io.revattr.common.config.RevattrConfig.ModelsConfig;
import io.revattr.common.datadriven.MarkovModel;
import io.revattr.common.datadriven.ShapleyModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every model revattr knows, by name, and the selection of a run's models from its config. */
public final class ModelCatalog {
  /** The built-in position models with their shares (DESIGN.md section 4). */
  public static final List<PositionModel> POSITION_MODELS =
      List.of(
          PositionModel.of("first_touch").share(FT, 1).build(),
          PositionModel.of("last_touch").share(LT, 1).build(),
          PositionModel.of("lead_creation").share(LC, 1).build(),
          PositionModel.of("u_shaped").share(FT, 0.4).share(LC, 0.4).middle(0.2).build(),
          PositionModel.of("w_shaped")
              .share(FT, 0.3)
              .share(LC, 0.3)
              .share(OC, 0.3)
              .middle(0.1)
              .build(),
          PositionModel.of("full_path")
              .share(FT, 0.225)
              .share(LC, 0.225)
              .share(OC, 0.225)
              .share(CW, 0.225)
              .middle(0.1)
              .build(),
          PositionModel.of("position_based").share(FT, 0.4).share(LT, 0.4).middle(0.2).build(),
          PositionModel.of("j_shaped").share(FT, 0.2).share(LT, 0.6).middle(0.2).build(),
          PositionModel.of("inverse_j").share(FT, 0.6).share(LT, 0.2).middle(0.2).build());

  private ModelCatalog() {}

  /** Names of every built-in model, in catalogue order. */
  public static List<String> builtInNames() {
    List<String> names = new ArrayList<>();
    POSITION_MODELS.forEach(m -> names.add(m.name()));
    names.add(LinearModel.NAME);
    names.add(TimeDecayModel.NAME);
    names.add(LastNonDirectModel.NAME);
    names.add(MarkovModel.NAME);
    names.add(ShapleyModel.NAME);
    return names;
  }

  /** The models the config enables, in the order it names them, with their parameters applied. */
  public static List<AttributionModel> select(ModelsConfig config) {
    Map<String, AttributionModel> all = new LinkedHashMap<>();
    for (PositionModel m : POSITION_MODELS) {
      all.put(m.name(), m.withMiddleTouchTypes(config.middleTouchTypes()));
    }
    all.put(LinearModel.NAME, new LinearModel());
    all.put(TimeDecayModel.NAME, new TimeDecayModel(config.timeDecayHalfLife()));
    all.put(LastNonDirectModel.NAME, new LastNonDirectModel(config.directChannels()));
    all.put(MarkovModel.NAME, new MarkovModel(config.markovOrder()));
    all.put(ShapleyModel.NAME, new ShapleyModel());
    for (CustomModel custom : config.custom()) {
      all.put(custom.name(), customModel(custom, config));
    }
    List<AttributionModel> selected = new ArrayList<>();
    for (String name : config.enabled()) {
      AttributionModel model = all.get(name);
      if (model == null) {
        throw new IllegalArgumentException("unknown model " + name);
      }
      selected.add(model);
    }
    return selected;
  }

  private static PositionModel customModel(CustomModel custom, ModelsConfig config) {
    PositionModel.Builder builder =
        PositionModel.of(custom.name()).middleTouchTypes(config.middleTouchTypes());
    for (Map.Entry<String, Double> share : custom.shares().entrySet()) {
      if (share.getKey().equals("middle")) {
        builder.middle(share.getValue());
      } else {
        builder.share(Position.byShortName(share.getKey()), share.getValue());
      }
    }
    return builder.build();
  }
}
