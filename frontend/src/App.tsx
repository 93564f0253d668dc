import { useEffect, useRef } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { ProgrammePage } from "./components/ProgrammePage";
import { CataloguePage } from "./pages/CataloguePage";
import { DevelopersPage } from "./pages/DevelopersPage";
import { NotFoundPage } from "./pages/NotFoundPage";

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

export function App() {
  useFocusMainOnNavigate();
  return (
    <Routes>
      <Route index element={<Navigate to="/programmes" replace />} />
      <Route path="programmes" element={<CataloguePage />} />
      <Route path="programmes/:id" element={<ProgrammePage />} />
      <Route path="developers" element={<DevelopersPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
