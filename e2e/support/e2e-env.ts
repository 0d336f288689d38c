/** What the global setup published for the tests. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the global setup did not run`);
  return value;
}

export const e2eEnv = {
  get ownerEmail() {
    return required("SWITCHYARD_E2E_OWNER_EMAIL");
  },
  get ownerPassword() {
    return required("SWITCHYARD_E2E_OWNER_PASSWORD");
  },
  get demoKey() {
    return required("SWITCHYARD_E2E_DEMO_KEY");
  },
};
