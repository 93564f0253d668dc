import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isClientProblem, problemStatus } from "./client";
import { SIGN_IN_KEY } from "./session";
import { ME_KEY } from "./queries";

/**
 * The app's query client. A 401 from any request but the session's own means the session
 * ended (it expired, or they signed out in another tab): read `Me` again, so the header and
 * the pages for signed-in people catch up.
 */
export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== ME_KEY[0]) sessionMayHaveEnded(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.options.mutationKey?.[0] !== SIGN_IN_KEY[0]) sessionMayHaveEnded(error);
      },
    }),
    defaultOptions: {
      queries: {
        // A 4xx will not get better by asking again; a network or server failure might.
        retry: (failures, error) => !isClientProblem(error) && failures < 2,
        // The catalogue changes rarely; the browser revalidates with If-None-Match anyway.
        staleTime: 60_000,
        refetchOnWindowFocus: false,
      },
    },
  });

  function sessionMayHaveEnded(error: unknown) {
    if (problemStatus(error) === 401) void queryClient.invalidateQueries({ queryKey: ME_KEY });
  }

  return queryClient;
}
