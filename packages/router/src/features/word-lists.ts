/**
 * Hand-written cue lists. Domain lists describe subjects (not datasets), so they transfer to any
 * prompt about the subject; matching is on lowercase whole words.
 */
const list = (words: string) => words.trim().split(/\s+/);

export const domainWords: Record<string, readonly string[]> = {
  arithmetic: list(
    "total each per remaining left twice half percent cost costs dollars cents price " +
      "profit earn earns spend spent bought buy sells hours minutes weeks days months " +
      "years miles apples cookies pounds",
  ),
  algebra: list(
    "equation solve integer integers polynomial function matrix derivative integral " +
      "prime probability sum product series vector theorem real roots modulo inequality " +
      "limit log sqrt sin cos triangle circle area radius",
  ),
  physics: list(
    "velocity acceleration force mass energy momentum charge electric magnetic field " +
      "wave frequency wavelength photon quantum friction gravity newton joule watt " +
      "voltage current resistance circuit lens temperature",
  ),
  chemistry: list(
    "mol moles molar reaction acid base ph solution compound electron atom atoms bond " +
      "oxidation equilibrium enthalpy entropy gas concentration ion ions organic " +
      "molecule catalyst hydrogen oxygen carbon",
  ),
  engineering: list(
    "voltage transistor amplifier signal torque stress strain beam heat fluid " +
      "pressure flow pipe efficiency motor turbine rpm kw generator transformer load " +
      "thermal shaft steam compressor coil",
  ),
  biology: list(
    "cell cells gene genes dna rna protein enzyme species evolution organism mutation " +
      "chromosome membrane bacteria virus plant plants tissue",
  ),
  health: list(
    "patient disease symptoms diagnosis treatment clinical drug medical blood pain " +
      "infection therapy dose syndrome physician nurse hospital",
  ),
  law: list(
    "court law legal defendant plaintiff statute contract constitutional judge jury " +
      "liability evidence trial appeal tort rights crime guilty property negligence " +
      "lawsuit attorney federal amendment breach sued",
  ),
  economics: list(
    "market demand supply inflation gdp monetary fiscal elasticity interest " +
      "unemployment tax investment firm firms equilibrium marginal revenue consumer " +
      "trade capital bank economy recession wage",
  ),
  business: list(
    "company management marketing customer customers employees business organization " +
      "strategy brand sales stock shares accounting invoice discount",
  ),
  history: list(
    "century war empire king revolution colonial ancient dynasty treaty president " +
      "historian civilization medieval roman soviet passage",
  ),
  psychology: list(
    "behavior cognitive memory psychologist personality emotion learning motivation " +
      "disorder therapy perception conditioning social",
  ),
  philosophy: list(
    "moral ethics ethical argument philosopher kant utilitarian virtue metaphysics " +
      "logic premise conclusion fallacy plato aristotle",
  ),
  computing: list(
    "algorithm program code python function array memory bit bits byte binary " +
      "compiler network database software cpu cache pointer loop",
  ),
};

export const reasoningWords: readonly string[] = list(
  "why explain prove derive calculate compute determine estimate analyze compare evaluate justify step reason therefore assume suppose if then after before remaining than times",
);

export const constraintWords: readonly string[] = list(
  "must exactly least most only without not except never always all none format json words limit",
);

export const questionWords: readonly string[] = list(
  "what which how who when where why many much find following",
);
