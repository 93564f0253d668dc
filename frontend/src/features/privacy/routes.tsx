// The personal data pages' routes, for hub staff (their hub's people) and national
// administrators (everyone's). Each page is its own chunk.
import { Route } from "react-router-dom";
import { lazyPage } from "../../lazyPage";

const PeoplePage = lazyPage(() => import("./PeoplePage"), "PeoplePage");
const PersonPage = lazyPage(() => import("./PersonPage"), "PersonPage");
const SubjectAccessRequestsPage = lazyPage(() => import("./SubjectAccessRequestsPage"), "SubjectAccessRequestsPage");

/** Under /admin (which already asks for hub staff). */
export function privacyRoutes() {
  return [
    <Route key="people" path="people" element={<PeoplePage />} />,
    <Route key="person" path="people/:id" element={<PersonPage />} />,
    <Route key="requests" path="subject-access-requests" element={<SubjectAccessRequestsPage />} />,
  ];
}
