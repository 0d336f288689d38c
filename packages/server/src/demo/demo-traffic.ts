/**
 * The demo team's generated history: what a small product team's traffic looks like (greetings,
 * quick questions, classification and extraction, arithmetic, code, careful writing, long
 * documents), as requests and, for cascaded ones, the cheap model's answer. Pure: the same seed
 * gives the same traffic.
 */
import type { ChatCompletionRequest } from "@switchyard/core";

export interface DemoKind {
  name: string;
  /** Share of the traffic. */
  weight: number;
  /** Declared with x-switchyard-task, as the app would. */
  task?: string;
  prompts: readonly string[];
  /** Tokens of attached material after the prompt (a document, code, context), min..max. */
  extraInput: readonly [number, number];
  output: readonly [number, number];
  /** The cheap model's worked answer to each prompt (same order), when a cascade asks it. */
  answers?: readonly string[];
  /** What the cheap model says when it does not manage (a share `hedging` of its answers). */
  hedges?: readonly string[];
  hedging?: number;
}

export const DEMO_KINDS: readonly DemoKind[] = [
  {
    name: "greeting",
    weight: 0.14,
    prompts: ["Hi!", "Thanks, that helped.", "Good morning", "Can you help me?", "ok thanks"],
    extraInput: [0, 20],
    output: [8, 40],
  },
  {
    name: "question",
    weight: 0.22,
    prompts: [
      "What is the difference between a VPN and a proxy, in two sentences?",
      "Which HTTP status code should an API return when a resource was deleted?",
      "Explain what a p95 latency is to a product manager.",
      "What time zone does Lisbon use in winter, and is it the same as London's?",
    ],
    extraInput: [0, 0],
    output: [60, 260],
  },
  {
    name: "extraction",
    weight: 0.18,
    prompts: [
      "Classify the sentiment of this review as positive, negative or neutral: The delivery was late but the support team sorted it out quickly.",
      "Extract the invoice number, date and total as JSON from: Invoice INV-2231 issued 3 March, total due EUR 1,240.00.",
      "Format these names as a comma-separated list, surname first: Ada Lovelace, Alan Turing, Grace Hopper.",
      "Translate to French, keeping the tone formal: We will ship your order on Monday.",
    ],
    extraInput: [0, 150],
    output: [10, 90],
  },
  {
    name: "math",
    weight: 0.12,
    task: "math",
    prompts: [
      "A shop sells pens at $1.20 each and notebooks at $3.50. How many pens can Maria buy with $15 after buying two notebooks?",
      "Solve for x: 3x + 7 = 22, and show the steps.",
      "A train leaves at 14:10 and travels 240 km at 80 km/h. How much later does it arrive than a car leaving at 14:40 at 100 km/h?",
      "What percent of 640 is 48?",
    ],
    extraInput: [0, 60],
    output: [60, 320],
    answers: [
      "Two notebooks cost 2 × $3.50 = $7.00.\nShe has $15 − $7.00 = $8.00 left.\nEach pen costs $1.20, so 8.00 / 1.20 = 6.67, and she can buy 6 whole pens.\nThe answer is 6.",
      "Subtract 7 from both sides: 3x + 7 − 7 = 22 − 7, so 3x = 15.\nDivide both sides by 3: x = 15 / 3 = 5.\nCheck: 3 × 5 + 7 = 22.\nThe answer is x = 5.",
      "The train needs 240 / 80 = 3 hours, so it arrives at 14:10 + 3:00 = 17:10.\nThe car needs 240 / 100 = 2.4 hours = 2 h 24 min, so it arrives at 14:40 + 2:24 = 17:04.\nThe train arrives 17:10 − 17:04 = 6 minutes later.\nThe answer is 6 minutes.",
      "48 / 640 = 0.075.\n0.075 × 100 = 7.5.\nSo 48 is 7.5% of 640.\nThe answer is 7.5%.",
    ],
    hedges: [
      "I am not sure how to work this out without more information.",
      "It depends on the assumptions; I cannot say exactly.",
    ],
    hedging: 0.3,
  },
  {
    name: "code",
    weight: 0.12,
    task: "code",
    prompts: [
      "Write a Python function def dedupe(items): that keeps the first occurrence of each item in order.",
      "Why does this return undefined? function total(xs) { xs.reduce((a, b) => a + b, 0) }",
      "Write a SQL query for the ten customers with the highest spend in the last 30 days.",
    ],
    extraInput: [100, 1500],
    output: [150, 900],
  },
  {
    name: "analysis",
    weight: 0.16,
    prompts: [
      "Compare event sourcing and a CRUD model for an order system, weighing auditability, schema evolution and the team's experience, and recommend one with reasons.",
      "Draft a careful, empathetic reply to a long-standing customer whose refund request was denied because it came after the 30-day window, offering a fair alternative.",
      "Review this incident timeline and list the three decisions that most lengthened the outage, with what should change for each.",
    ],
    extraInput: [0, 300],
    output: [300, 1_200],
  },
  {
    name: "long-document",
    weight: 0.06,
    prompts: [
      "Summarise the attached supplier contract: obligations, termination terms, liabilities and anything unusual.",
      "Read the attached quarterly report and list the five risks management mentions, with page references.",
    ],
    extraInput: [13_000, 60_000],
    output: [300, 900],
  },
];

export type Random = () => number;

/** A small seeded generator (mulberry32): the same seed, the same history. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const between = (random: Random, [min, max]: readonly [number, number]) =>
  Math.round(min + random() * (max - min));

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

export function pickKind(random: Random): DemoKind {
  let roll = random();
  for (const kind of DEMO_KINDS) {
    roll -= kind.weight;
    if (roll <= 0) return kind;
  }
  return DEMO_KINDS[DEMO_KINDS.length - 1] as DemoKind;
}

export interface DemoRequest {
  kind: DemoKind;
  request: ChatCompletionRequest;
  /** Input tokens the request stands for (the prompt and what it attaches). */
  inputTokens: number;
  outputTokens: number;
  /** What the cheap model answers when a cascade asks it. */
  cheapAnswer: string;
  streamed: boolean;
}

const PARAGRAPH =
  "Section 4.2. The supplier shall deliver the goods described in Schedule A on the dates agreed, " +
  "and shall notify the buyer in writing of any expected delay within two business days. ";

/** About `tokens` tokens of attached text (four characters a token). */
const attachment = (tokens: number) =>
  PARAGRAPH.repeat(Math.ceil((tokens * 4) / PARAGRAPH.length)).slice(0, tokens * 4);

export function demoRequest(random: Random): DemoRequest {
  const kind = pickKind(random);
  const index = Math.floor(random() * kind.prompts.length);
  const prompt = kind.prompts[index] as string;
  const hedged = random() < (kind.hedging ?? 0);
  const cheapAnswer =
    (hedged && kind.hedges ? pick(random, kind.hedges) : kind.answers?.[index]) ??
    "Here is a short answer.";
  const attached = between(random, kind.extraInput);
  const content = attached > 0 ? `${prompt}\n\n${attachment(attached)}` : prompt;
  return {
    kind,
    request: { model: "switchyard/auto", messages: [{ role: "user", content }] },
    inputTokens: Math.ceil(content.length / 4),
    outputTokens: between(random, kind.output),
    cheapAnswer,
    streamed: random() < 0.55,
  };
}

/**
 * Requests on a day `daysAgo` days back: weekday office traffic, quieter weekends, growing over
 * the month (the product is being adopted).
 */
export function requestsOnDay(random: Random, date: Date, daysAgo: number, days: number): number {
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  const growth = 0.6 + 0.4 * (1 - daysAgo / Math.max(1, days));
  const base = weekend ? 45 : 150;
  return Math.round(base * growth * (0.85 + 0.3 * random()));
}

/** A time on that day, weighted toward working hours (UTC). */
export function timeOnDay(random: Random, day: Date): Date {
  const hour = random() < 0.8 ? 8 + random() * 10 : random() * 24;
  return new Date(day.getTime() + hour * 3_600_000);
}
