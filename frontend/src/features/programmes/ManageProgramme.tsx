import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import type { Problem, Programme, ProgrammeStatus } from "../../api/client";
import { useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SuccessBanner } from "../../components/NotificationBanner";
import { academicYearLabel } from "../../format";
import { problemOf } from "../../forms";
import { nextAcademicYear } from "../../groupYear";
import { useChangeStatus, useCopyProgramme, useVersionedProgramme } from "./api";
import { runsHub, statusActions } from "./draft";
import { copiedNews, programmeNews, withNews, type ProgrammeNews } from "./news";

const STALE_DETAIL =
  "Someone else changed this programme since this page read it. The page now shows their version: check it, then try again.";

/** Hub staff's actions on a programme: what happened last, what went wrong, and the actions themselves. */
export type ProgrammeManagement = {
  /** Null for anyone who does not run the programme's hub: they get no actions. */
  actions: {
    edit: string;
    statuses: { status: ProgrammeStatus; label: string; warning: boolean }[];
    copyLabel: string;
    busy: boolean;
    changeStatus: (status: ProgrammeStatus, done: ProgrammeNews) => void;
    copy: () => void;
  } | null;
  news: ProgrammeNews | null;
  problem: Problem | null;
};

/** The actions hub staff may take on this programme now, and their outcome. */
export function useProgrammeManagement(programme: Programme): ProgrammeManagement {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const mayManage = runsHub(me.data, programme.hub.id);
  // The ETag to send comes from a read of its own, made only for those who may change it.
  const versioned = useVersionedProgramme(mayManage ? programme.id : null);
  const status = useChangeStatus();
  const copier = useCopyProgramme();
  const [news, setNews] = useState<ProgrammeNews | null>(() => programmeNews(location.state));

  const failure = problemOf(status.error) ?? problemOf(copier.error);
  const problem = failure?.status === 412 ? { ...failure, detail: STALE_DETAIL } : failure;
  if (!mayManage) return { actions: null, news, problem: null };

  const next = academicYearLabel(nextAcademicYear(programme.academic_year) ?? programme.academic_year);
  return {
    news,
    problem,
    actions: {
      edit: `/programmes/${String(programme.id)}/edit`,
      statuses: statusActions(programme.status),
      copyLabel: `Copy into ${next}`,
      busy: status.isPending || copier.isPending || versioned.isPending,
      changeStatus: (to, done) => {
        if (!versioned.data) return;
        setNews(null);
        copier.reset();
        status.change(versioned.data, to).then(
          () => {
            setNews(done);
          },
          () => undefined,
        );
      },
      copy: () => {
        setNews(null);
        status.reset();
        copier.mutate(programme.id, {
          onSuccess: ({ programme: copy }) => {
            void navigate(`/programmes/${String(copy.id)}`, {
              state: withNews(copiedNews(copy.title, copy.academic_year_label)),
            });
          },
        });
      },
    },
  };
}

/** What just happened, or what went wrong, at the top of the programme page. */
export function ProgrammeNotices({ management }: { management: ProgrammeManagement }) {
  return (
    <>
      {management.news && (
        <SuccessBanner key={management.news.heading} heading={management.news.heading}>
          <p className="govuk-body">{management.news.body}</p>
        </SuccessBanner>
      )}
      {management.problem && <ErrorSummary problem={management.problem} />}
    </>
  );
}

/** Hub staff's panel on the programme page: change it, publish it, close it, copy it into next year. */
export function ManageProgramme({ management, title }: { management: ProgrammeManagement; title: string }) {
  const actions = management.actions;
  if (!actions) return null;
  return (
    <section className="app-panel" aria-labelledby="manage-programme">
      <h2 className="govuk-heading-m" id="manage-programme">
        Manage this programme
      </h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={actions.edit}>
          Change the programme<span className="govuk-visually-hidden"> {title}</span>
        </Link>
      </p>
      <div className="govuk-button-group">
        {actions.statuses.map((action) => (
          <button
            key={action.status}
            type="button"
            className={`govuk-button${action.warning ? " govuk-button--warning" : ""}`}
            disabled={actions.busy}
            onClick={() => {
              actions.changeStatus(action.status, statusNews(title, action.status));
            }}
          >
            {action.label}
          </button>
        ))}
        <button type="button" className="govuk-button govuk-button--secondary" disabled={actions.busy} onClick={actions.copy}>
          {actions.copyLabel}
        </button>
      </div>
    </section>
  );
}

function statusNews(title: string, status: ProgrammeStatus): ProgrammeNews {
  switch (status) {
    case "open":
      return { heading: `${title} is open for applications`, body: "Schools find it in the catalogue and can apply now." };
    case "fully_booked":
      return { heading: `${title} is fully booked`, body: "Schools can no longer apply." };
    case "closed":
      return { heading: `${title} is closed`, body: "Schools can no longer apply. Copy it into next year to offer it again." };
    case "draft":
      return { heading: `${title} is a draft`, body: "Only your hub can see it." };
  }
}
