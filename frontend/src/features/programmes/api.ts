// Programmes as hub staff write them: the kinds of programme with their defaults, a programme
// with the ETag to send back, and the writes (create, change, publish, close, copy). Every
// write says which reads it makes stale.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Programme, type ProgrammeStatus } from "../../api/client";
import type { components } from "../../api/schema";

type Schemas = components["schemas"];
export type ProgrammeTypeDefaults = Schemas["ProgrammeTypeDefaults"];
export type ProgrammeCreate = Schemas["ProgrammeCreate"];
export type ProgrammeUpdate = Schemas["ProgrammeUpdate"];
export type SessionLength = Schemas["SessionLength"];
export type GrantKind = Schemas["GrantKind"];
export type GrantPurpose = Schemas["GrantPurpose"];
export type ApplicationFormInput = Schemas["ApplicationForm-Input"];
export type ParticipantRoleChoice = ApplicationFormInput["participant_role"];

/** A programme as read, with the ETag to send back as If-Match when changing it. */
export type VersionedProgramme = { programme: Programme; etag: string | null };

const PROGRAMME_TYPES_KEY = ["programme-types"] as const;

/** The key of one programme's reads: the catalogue page's and this feature's share its start. */
function programmeKey(id: number | null) {
  return ["programme", id] as const;
}

function versionedKey(id: number | null) {
  return [...programmeKey(id), "versioned"] as const;
}

async function withEtag(
  request: Promise<{ data?: Programme; error?: unknown; response: Response }>,
): Promise<VersionedProgramme> {
  let etag: string | null = null;
  const programme = await unwrap(
    request.then((result) => {
      etag = result.response.headers.get("ETag");
      return result;
    }),
  );
  return { programme, etag };
}

/** Read one programme now, with its ETag (after a 412, to show what the other person saved). */
export function readProgramme(id: number, signal?: AbortSignal): Promise<VersionedProgramme> {
  return withEtag(
    api.GET("/api/v1/programmes/{programme_id}", {
      params: { path: { programme_id: id } },
      // Not a cached copy: the point is to see the latest version.
      cache: "no-store",
      ...(signal ? { signal } : {}),
    }),
  );
}

/** Every kind of programme, with the defaults a new one starts from. They change only with a release. */
export function useProgrammeTypes() {
  return useQuery({
    queryKey: PROGRAMME_TYPES_KEY,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/programme-types", { signal })),
    staleTime: 60 * 60_000,
  });
}

/** One programme and its ETag, read afresh on each visit: someone else may have changed it. */
export function useVersionedProgramme(id: number | null) {
  return useQuery({
    queryKey: versionedKey(id),
    queryFn: ({ signal }) => readProgramme(id ?? 0, signal),
    enabled: id !== null,
    staleTime: 0,
  });
}

/** After a write: the catalogue lists and every read of this programme are stale. */
function useProgrammeStale() {
  const queryClient = useQueryClient();
  return (saved?: VersionedProgramme) => {
    if (saved) queryClient.setQueryData(versionedKey(saved.programme.id), saved);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: ["programmes"] }),
      queryClient.invalidateQueries({
        queryKey: ["programme"],
        // The versioned read just saved is already current (with its new ETag).
        predicate: (query) => !saved || query.queryKey[1] !== saved.programme.id || query.queryKey[2] !== "versioned",
      }),
    ]);
  };
}

/** Write a new programme: a draft that only its hub sees until it is published. */
export function useCreateProgramme() {
  const stale = useProgrammeStale();
  return useMutation({
    mutationFn: (body: ProgrammeCreate) => withEtag(api.POST("/api/v1/programmes", { body })),
    onSuccess: (created) => stale(created),
  });
}

/**
 * Change some fields, or the status, If-Match the ETag they were read with: a 412 when
 * someone else saved first. Either way the reads of the programme are made stale.
 */
export function useUpdateProgramme() {
  const stale = useProgrammeStale();
  return useMutation({
    mutationFn: ({ id, etag, body }: { id: number; etag: string | null; body: ProgrammeUpdate }) =>
      withEtag(
        api.PATCH("/api/v1/programmes/{programme_id}", {
          params: { path: { programme_id: id }, header: { "if-match": etag } },
          body,
        }),
      ),
    onSuccess: (saved) => stale(saved),
    onError: () => stale(),
  });
}

/** Move a programme along draft → open → fully booked → closed. */
export function useChangeStatus() {
  const update = useUpdateProgramme();
  return {
    ...update,
    change: (versioned: VersionedProgramme, status: ProgrammeStatus) =>
      update.mutateAsync({ id: versioned.programme.id, etag: versioned.etag, body: { status } }),
  };
}

/** Copy a programme into the next academic year, as a draft with its dates moved on. */
export function useCopyProgramme() {
  const stale = useProgrammeStale();
  return useMutation({
    mutationFn: (id: number) =>
      withEtag(
        api.POST("/api/v1/programmes/{programme_id}/copies", {
          params: { path: { programme_id: id } },
          body: {},
        }),
      ),
    onSuccess: (copy) => stale(copy),
  });
}
