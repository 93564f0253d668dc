// The status of emails in words: what has gone, what waits, what is failing. Pure.
import { pluralise } from "../../format";
import type { Message, MessageStatus } from "./api";

export const messageStatusLabels: Record<MessageStatus, string> = {
  queued: "Waiting to send",
  sent: "Sent",
  failing: "Not sent yet: trying again",
};

/** "2 of 3 emails sent; 1 waiting to send" — never "sent" for one that has not gone. */
export function messagesSummary(messages: readonly Pick<Message, "status">[]): string {
  if (messages.length === 0) return "No emails yet.";
  const count = (status: MessageStatus) => messages.filter((message) => message.status === status).length;
  const sent = count("sent");
  const parts = [
    sent === messages.length
      ? `${pluralise(messages.length, "email")} sent`
      : `${String(sent)} of ${pluralise(messages.length, "email")} sent`,
  ];
  const queued = count("queued");
  if (queued > 0) parts.push(`${String(queued)} waiting to send`);
  const failing = count("failing");
  if (failing > 0) parts.push(`${String(failing)} failing, to be tried again`);
  return `${parts.join("; ")}.`;
}
