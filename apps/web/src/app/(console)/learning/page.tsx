import type { Metadata } from "next";
import { PageHeader } from "@/features/console/page-header";
import { LearningPage } from "@/features/learning/learning-page";

export const metadata: Metadata = { title: "Learning" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Learning"
        description="What each policy's learned routing has learned from your traffic: graded outcomes (calibration samples and feedback), what calibration cost this month, the trained versions with their held-out metrics, and per tag how well each candidate does."
      />
      <LearningPage />
    </>
  );
}
