// The accounts pages' routes: the public ones reached from emailed links, and a person's own
// account. Each page is a chunk of its own.
import { Route } from "react-router-dom";
import { RequireRole } from "../../components/RequireRole";
import { lazyPage } from "../../lazyPage";
import { HUB_STAFF, SCHOOL_READERS } from "../../auth";

const ForgottenPasswordPage = lazyPage(() => import("./ForgottenPasswordPage"), "ForgottenPasswordPage");
const ResetPasswordPage = lazyPage(() => import("./ResetPasswordPage"), "ResetPasswordPage");
const InvitationPage = lazyPage(() => import("./InvitationPage"), "InvitationPage");
const AccountPage = lazyPage(() => import("./AccountPage"), "AccountPage");
const TwoFactorSetupPage = lazyPage(() => import("./TwoFactorSetupPage"), "TwoFactorSetupPage");
const PeoplePage = lazyPage(() => import("./PeoplePage"), "PeoplePage");

export function accountsRoutes() {
  return (
    <>
      <Route path="forgotten-password" element={<ForgottenPasswordPage />} />
      <Route path="reset-password/:token" element={<ResetPasswordPage />} />
      <Route path="invitation/:token" element={<InvitationPage />} />
      <Route path="account" element={<RequireRole roles={SCHOOL_READERS} audience="everyone signed in" />}>
        <Route index element={<AccountPage />} />
        <Route path="two-factor" element={<TwoFactorSetupPage />} />
      </Route>
      <Route path="people" element={<RequireRole roles={HUB_STAFF} audience="national and hub administrators" />}>
        <Route index element={<PeoplePage />} />
      </Route>
    </>
  );
}
