import { OnboardingEvent } from "../analytics/events";
import { useTrack } from "../analytics/track";

type Step = "import_contacts" | "run_enrichment" | "connect_crm" | "invite_teammate" | "create_workflow";

export function OnboardingChecklist({ steps }: { steps: Step[] }) {
  const track = useTrack();
  return (
    <ol>
      {steps.map((step) => (
        <li key={step}>
          {step}
          <button onClick={() => track(OnboardingEvent.StepSkipped, { onboarding_step: step })}>Skip</button>
        </li>
      ))}
    </ol>
  );
}

export function WelcomeSurvey({ onDone }: { onDone: () => void }) {
  const track = useTrack();
  const submit = (teamSize: "solo" | "2_to_10" | "11_to_50") => {
    track(OnboardingEvent.SurveySubmitted, { team_size: teamSize, primary_use_case: "lead_enrichment" });
    onDone();
  };
  return <button onClick={() => submit("2_to_10")}>Continue</button>;
}

export function ProductTour({ step }: { step: number }) {
  const track = useTrack();
  const dismiss = () => track(OnboardingEvent.TourDismissed, { tour_id: "contacts_tour", tour_step: step });
  return <button onClick={dismiss}>Close tour</button>;
}
