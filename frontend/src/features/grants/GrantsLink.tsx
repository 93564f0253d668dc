import { Link } from "react-router-dom";
import { useMe } from "../../api/queries";
import { isHubStaff, mySchoolPath } from "../../auth";
import { CLAIMS_PATH, schoolGrantsPath } from "./paths";

/**
 * Under a programme's grants: where to claim them. A school contact goes to their school's grants
 * page; hub staff to the claims queue; anyone else is told nothing more.
 */
export function GrantsLink() {
  const me = useMe();
  if (mySchoolPath(me.data) && me.data?.school_urn) {
    return (
      <p className="govuk-body">
        <Link className="govuk-link" to={schoolGrantsPath(me.data.school_urn)}>
          Claim a grant for your school
        </Link>{" "}
        once it is due: your school&apos;s grants page says what it may claim and what is missing.
      </p>
    );
  }
  if (isHubStaff(me.data)) {
    return (
      <p className="govuk-body">
        <Link className="govuk-link" to={CLAIMS_PATH}>
          See the schools&apos; claims
        </Link>
      </p>
    );
  }
  return null;
}
