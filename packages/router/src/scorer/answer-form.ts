/**
 * Whether a prompt asks for a definite answer the quality scorer can read: a choice among lettered
 * options, or a worked calculation ending in a number. The scorer was trained only on such
 * answers (right or wrong); on an open-ended request (write, explain, role-play, plan) its score
 * says nothing, so a cascade decides those before the call instead (see quality-scorer.ts).
 */

/** A lettered option at the start of a line: "A. …", "B) …", "(C) …". */
const optionLine = /^[ \t]*\(?[A-J][.)][ \t]/gm;
/** A request for a quantity: how many / how much / calculate / solve / what is the total … */
const quantity =
  "(total|value|sum|product|difference|number|area|volume|probability|percentage|cost|price|average|mean|remainder|result|speed|distance|rate|measure)";
const quantityAsk = new RegExp(
  `\\b(how (many|much|long|far|old|fast|often)|calculate|compute|solve|simplify|(find|what (is|was|are|were|will be)|what's) the ${quantity})\\b`,
  "i",
);
const number =
  /\d+(?:[.,]\d+)?|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen|twice|half|third|quarter)\b/gi;
/** The prompt ends on a question (a word problem's last sentence). */
const endsOnQuestion = /\?["')\]]*\s*$/;

export function expectsDefiniteAnswer(prompt: string): boolean {
  optionLine.lastIndex = 0;
  let options = 0;
  while (optionLine.exec(prompt) !== null) if (++options >= 2) return true;
  number.lastIndex = 0;
  let numbers = 0;
  while (number.exec(prompt) !== null) numbers++;
  if (numbers === 0) return false;
  return quantityAsk.test(prompt) || (numbers >= 2 && endsOnQuestion.test(prompt));
}
