import type { Journey } from "../../api/client";
import { participationOutcomeLabels, phaseLabels, stageLabels } from "../../format";
import { journeyTracks, type StageStep, type StageYear, type StepState } from "../../journey";

type Props = {
  journey: Journey;
  /** GIAS's phase of education, which says which stages to draw (null while unknown). */
  phaseOfEducation: string | null;
  hubNames: Map<string, string>;
};

const tags: Partial<Record<StepState, { label: string; colour: string }>> = {
  done: { label: "Completed", colour: "govuk-tag--green" },
  "taking-part": { label: "Taking part", colour: "govuk-tag--blue" },
  withdrawn: { label: "Withdrew", colour: "govuk-tag--grey" },
  next: { label: "Can do next", colour: "govuk-tag--light-blue" },
};

function yearText(year: StageYear, hubNames: Map<string, string>): string {
  const hub = hubNames.get(year.hubId) ?? year.hubId;
  return `${participationOutcomeLabels[year.outcome]} in ${year.label}, with ${hub}.`;
}

function StepText({ step, hubNames }: { step: StageStep; hubNames: Map<string, string> }) {
  if (step.years.length === 0) {
    return (
      <p className="govuk-body govuk-!-margin-bottom-0">
        Not taken part.{step.next && " The school can do this next."}
      </p>
    );
  }
  return (
    <>
      <ul className="govuk-list app-timeline__years">
        {step.years.map((year, index) => (
          <li key={`${year.academicYear}-${String(index)}`}>{yearText(year, hubNames)}</li>
        ))}
      </ul>
      {step.next && <p className="govuk-body govuk-!-margin-bottom-0">The school can take part again.</p>}
    </>
  );
}

/**
 * The school's journey through the Teaching for Mastery stages, as an ordered list per phase:
 * each stage says in words whether and in which year the school took part, and whether it is
 * a next step. The markers and lines are decoration only.
 */
export function JourneyTimeline({ journey, phaseOfEducation, hubNames }: Props) {
  const tracks = journeyTracks(journey, phaseOfEducation);
  return (
    <>
      {tracks.map((track) => {
        const headingId = `${track.phase}-stages`;
        return (
          <div key={track.phase}>
            <h3 className="govuk-heading-s" id={headingId}>
              {phaseLabels[track.phase]} stages
            </h3>
            {/* role="list": some screen readers drop a list's role when its bullets are hidden. */}
            <ol className="app-timeline" role="list" aria-labelledby={headingId}>
              {track.steps.map((step, index) => {
                const tag = tags[step.state];
                return (
                  <li className={`app-timeline__step app-timeline__step--${step.state}`} key={step.type}>
                    <span className="app-timeline__marker" aria-hidden="true">
                      {index + 1}
                    </span>
                    <div className="app-timeline__header">
                      <h4 className="govuk-heading-s app-timeline__title">{stageLabels[step.stage]}</h4>
                      {tag && <strong className={`govuk-tag ${tag.colour}`}>{tag.label}</strong>}
                    </div>
                    <StepText step={step} hubNames={hubNames} />
                  </li>
                );
              })}
            </ol>
          </div>
        );
      })}
    </>
  );
}
