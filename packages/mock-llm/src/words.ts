/** Common English words the deterministic answers are made of. */
export const WORDS: readonly string[] = (
  "the model answer system request value result data time people way day thing world life hand " +
  "part place case week company number group problem fact point government question work " +
  "service route cost budget team price token stream signal network server client process " +
  "simple clear fast careful useful common general specific important different small large " +
  "early late open public private recent strong cheap quick steady reliable accurate helpful " +
  "first second next last final main major minor central local global direct basic total " +
  "make take give find think know look want tell work call try ask need feel become leave " +
  "keep begin show hear play run move live believe bring happen write provide sit stand lose " +
  "pay meet include continue set learn change lead understand watch follow stop create speak " +
  "read allow add spend grow offer remember consider appear buy wait serve send expect build " +
  "stay reach remain suggest raise pass report decide explain develop carry break receive " +
  "because while after before during under between through across against within without " +
  "often always usually rather quite almost perhaps again already still also only even just " +
  "river mountain garden window letter story picture market village morning evening answer " +
  "method pattern reason example detail option choice measure balance effort support " +
  "history science nature energy language memory practice knowledge purpose structure"
).split(" ");

export const WORD_COUNT = WORDS.length;
