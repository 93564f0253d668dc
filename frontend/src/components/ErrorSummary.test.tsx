import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ErrorSummary } from "./ErrorSummary";

describe("ErrorSummary", () => {
  it("says the problem's detail and takes focus", () => {
    render(<ErrorSummary problem={{ type: "/problems/not-found", title: "Not found", status: 404, detail: "There is no programme 9." }} />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("There is a problem");
    expect(alert).toHaveTextContent("There is no programme 9.");
    expect(alert.parentElement).toHaveFocus();
  });

  it("links each field error to its field, named by the field's label", async () => {
    render(
      <>
        <ErrorSummary
          problem={{
            type: "/problems/validation",
            title: "Your request has invalid fields",
            status: 422,
            detail: "query /academic_year: …",
            errors: [
              { location: "query", pointer: "/academic_year", detail: "Use the form 2023-24" },
              { location: "query", pointer: "/limit", detail: "Too many" },
            ],
          }}
          fields={{ "/academic_year": { id: "academic_year", label: "Academic year" } }}
        />
        <label htmlFor="academic_year">Academic year</label>
        <select id="academic_year" />
      </>,
    );
    const link = screen.getByRole("link", { name: "Academic year: Use the form 2023-24" });
    expect(link).toHaveAttribute("href", "#academic_year");
    // A pointer the page has no field for is still said, without a link.
    expect(screen.getByRole("alert")).toHaveTextContent("Too many");
    await userEvent.click(link);
    expect(screen.getByLabelText("Academic year")).toHaveFocus();
  });

  it("says an error alone when its field has no label to put before it", () => {
    render(
      <ErrorSummary
        problem={{
          type: "/problems/sign-in-refused",
          title: "Sign-in refused",
          status: 401,
          errors: [{ location: "body", pointer: "/email", detail: "The email address or password is not right." }],
        }}
        fields={{ "/email": { id: "email" } }}
      />,
    );
    expect(screen.getByRole("link", { name: "The email address or password is not right." })).toHaveAttribute(
      "href",
      "#email",
    );
  });
});
