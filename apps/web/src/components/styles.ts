/** The console's shared Tailwind class strings for buttons, inputs, labels and cards. */
export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-on-accent shadow-sm hover:bg-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 disabled:opacity-50";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 disabled:opacity-50";
export const dangerButtonClass =
  "inline-flex items-center justify-center rounded-md border border-red-200 bg-white px-2.5 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-300 disabled:opacity-50";
export const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";
export const labelClass = "block text-sm font-medium text-slate-700";
export const cardClass = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6";
/** Long unbroken text (a name, a note, a URL) wraps anywhere instead of widening its box. */
export const wrapAnywhereClass = "[overflow-wrap:anywhere]";
