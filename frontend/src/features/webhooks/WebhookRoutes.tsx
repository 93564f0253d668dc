import { Route, Routes } from "react-router-dom";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { RegisterWebhookPage } from "./RegisterWebhookPage";
import { WebhookPage } from "./WebhookPage";
import { WebhooksPage } from "./WebhooksPage";

/** /admin/webhooks/…: one lazy chunk for the three pages, so the first load carries one route. */
export function WebhookRoutes() {
  return (
    <Routes>
      <Route index element={<WebhooksPage />} />
      <Route path="new" element={<RegisterWebhookPage />} />
      <Route path=":id" element={<WebhookPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
