/** Bundles a server entry into one .mjs file that runs on plain Node.js (see bundle.mjs). */
export function bundleServer(input: {
  /** The package whose dependencies stay external (its package.json). */
  packageDir: string;
  entry: string;
  outfile: string;
}): Promise<void>;
