import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { App } from "../App";
import type { Backend } from "../api/backend";
import { BackendProvider } from "../api/context";

/** Renders `ui` (the whole app by default) against `backend`, with a fresh query cache. */
export function renderWith(backend: Backend, ui: ReactElement = <App />) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <BackendProvider backend={backend}>
      <QueryClientProvider client={client}>{ui}</QueryClientProvider>
    </BackendProvider>,
  );
}
