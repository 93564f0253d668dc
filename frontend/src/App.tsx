import { Suspense, useEffect, useRef } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { Layout } from "./components/Layout";
import { lazyPage } from "./lazyPage";
import { CataloguePage } from "./pages/CataloguePage";

// The catalogue, where most people arrive, comes with the first load; everything else later.
const AppRoutes = lazyPage(() => import("./AppRoutes"), "AppRoutes");

/**
 * After a client-side move to another page, put focus at the start of the main content, as
 * a full page load would, so keyboard and screen reader users start at the new page.
 * Changes to the query string alone (filters, next page) leave focus where it is.
 */
function useFocusMainOnNavigate() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    window.scrollTo(0, 0);
    document.getElementById("main-content")?.focus();
  }, [pathname]);
}

/** Shown while a page's code arrives (the first visit to a page of another kind). */
function PageLoading() {
  return (
    <Layout>
      <p className="govuk-body" role="status">
        Loading the page…
      </p>
    </Layout>
  );
}

export function App() {
  useFocusMainOnNavigate();
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route index element={<Navigate to="/programmes" replace />} />
        <Route path="programmes" element={<CataloguePage />} />
        <Route path="*" element={<AppRoutes />} />
      </Routes>
    </Suspense>
  );
}
