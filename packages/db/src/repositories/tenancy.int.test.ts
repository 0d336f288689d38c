/** Model names per team, and which teams the routing snapshot lets use the shared connections. */
import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../client";
import {
  createConnection,
  createModel,
  createTeam,
  TEST_ENCRYPTION_KEY,
} from "../testing/factories";
import { setUpTestPrisma } from "../testing/suite-database";
import { createRepositories } from "./index";

describe("tenancy in the database", () => {
  let prisma: PrismaClient;
  setUpTestPrisma((client) => {
    prisma = client;
  });

  it("lets two teams and the shared connections each have a model named gpt-4o", async () => {
    const shared = await createConnection(prisma, { teamId: null });
    const alpha = await createTeam(prisma);
    const beta = await createTeam(prisma);
    const alphaConnection = await createConnection(prisma, { teamId: alpha.id });
    const betaConnection = await createConnection(prisma, { teamId: beta.id });
    await createModel(prisma, { connectionId: shared.id, name: "gpt-4o" });
    const a = await createModel(prisma, { connectionId: alphaConnection.id, name: "gpt-4o" });
    const b = await createModel(prisma, { connectionId: betaConnection.id, name: "gpt-4o" });
    expect(a.teamId).toBe(alpha.id);
    expect(b.teamId).toBe(beta.id);
  });

  it("keeps names unique within one team and among the shared connections", async () => {
    const team = await createTeam(prisma);
    const first = await createConnection(prisma, { teamId: team.id });
    const second = await createConnection(prisma, { teamId: team.id });
    await createModel(prisma, { connectionId: first.id, name: "dup" });
    await expect(createModel(prisma, { connectionId: second.id, name: "dup" })).rejects.toThrow();
    const sharedA = await createConnection(prisma, { teamId: null });
    const sharedB = await createConnection(prisma, { teamId: null });
    await createModel(prisma, { connectionId: sharedA.id, name: "shared-dup" });
    await expect(
      createModel(prisma, { connectionId: sharedB.id, name: "shared-dup" }),
    ).rejects.toThrow();
  });

  it("tells the gateway which teams the instance owner lets use the shared connections", async () => {
    const allowed = await createTeam(prisma, { sharedConnectionsAllowed: true });
    const refused = await createTeam(prisma, { sharedConnectionsAllowed: false });
    const { config } = createRepositories(prisma, { encryptionKey: TEST_ENCRYPTION_KEY });
    const snapshot = await config.loadSnapshot();
    const flag = (id: string) => snapshot.teams.find((team) => team.id === id);
    expect(flag(allowed.id)).toMatchObject({ sharedConnectionsAllowed: true });
    expect(flag(refused.id)).toMatchObject({ sharedConnectionsAllowed: false });
  });
});
