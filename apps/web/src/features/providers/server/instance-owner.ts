import { getPrisma } from "@/server/db";

/** Whether the user manages shared connections (the instance owner). */
export async function isInstanceOwner(userId: string): Promise<boolean> {
  const user = await getPrisma().user.findUnique({
    where: { id: userId },
    select: { isOwner: true },
  });
  return user?.isOwner ?? false;
}
