import { Link } from "react-router-dom";
import type { TaskStatus } from "../../api/applications";
import { taskStatusLabels } from "../../applications";

export type TaskItem = {
  id: string;
  title: string;
  /** The task's page; null when it cannot be started yet. */
  to: string | null;
  hint?: string;
  status: TaskStatus | "cannot_start";
};

function Status({ id, status }: { id: string; status: TaskItem["status"] }) {
  if (status === "cannot_start") {
    return (
      <div className="govuk-task-list__status govuk-task-list__status--cannot-start-yet" id={id}>
        Cannot start yet
      </div>
    );
  }
  if (status === "completed") {
    return (
      <div className="govuk-task-list__status" id={id}>
        {taskStatusLabels.completed}
      </div>
    );
  }
  const colour = status === "in_progress" ? "govuk-tag--light-blue" : "govuk-tag--blue";
  return (
    <div className="govuk-task-list__status" id={id}>
      <strong className={`govuk-tag ${colour}`}>{taskStatusLabels[status]}</strong>
    </div>
  );
}

/** The GOV.UK task list: each task a link (unless it cannot start yet) with its status beside it. */
export function TaskList({ items }: { items: TaskItem[] }) {
  return (
    <ul className="govuk-task-list">
      {items.map((item) => {
        const statusId = `${item.id}-status`;
        const hintId = item.hint ? `${item.id}-hint` : null;
        return (
          <li
            key={item.id}
            className={`govuk-task-list__item${item.to ? " govuk-task-list__item--with-link" : ""}`}
          >
            <div className="govuk-task-list__name-and-hint">
              {item.to ? (
                <Link
                  className="govuk-link govuk-task-list__link"
                  to={item.to}
                  aria-describedby={hintId ? `${hintId} ${statusId}` : statusId}
                >
                  {item.title}
                </Link>
              ) : (
                <div>{item.title}</div>
              )}
              {item.hint && hintId && (
                <div className="govuk-task-list__hint" id={hintId}>
                  {item.hint}
                </div>
              )}
            </div>
            <Status id={statusId} status={item.status} />
          </li>
        );
      })}
    </ul>
  );
}
