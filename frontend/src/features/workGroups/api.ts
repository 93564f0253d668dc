// A Work Group's membership as hub staff change it: forming the group from the programme's
// selection, adding and removing schools and participants; and the lists they choose from
// (the hub's Mastery Specialists, a member school's people). Every write says which reads it
// makes stale.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type WorkGroup } from "../../api/client";
import type { components } from "../../api/schema";

type Schemas = components["schemas"];
export type WorkGroupCreate = Schemas["WorkGroupCreate"];
export type Person = Schemas["Person"];

/** The API's largest page: a hub's specialists, or one school's people, fit in it. */
const PEOPLE_PAGE_SIZE = 200;

/** The hub's Mastery Specialists, to choose a group's lead from (by name, not by id). */
export function useSpecialists({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    enabled,
    queryKey: ["people", "mastery_specialist"],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/people", {
          params: { query: { role: "mastery_specialist", limit: PEOPLE_PAGE_SIZE } },
          signal,
        }),
      ),
  });
}

/** The people recorded at one school, to add as participants. */
export function useSchoolPeople(urn: string | null) {
  return useQuery({
    enabled: urn !== null,
    queryKey: ["people", "school", urn],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/people", { params: { query: { school_urn: urn ?? "", limit: PEOPLE_PAGE_SIZE } }, signal }),
      ),
  });
}

/** The groups of one programme (the review page links to them). */
export function useProgrammeGroups(programmeId: number) {
  return useQuery({
    queryKey: ["work-groups", { programme: programmeId }],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/work-groups", { params: { query: { programme: programmeId, limit: 50 } }, signal })),
  });
}

function useGroupWrite<T>(write: (body: T) => Promise<WorkGroup>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (group) => {
      queryClient.setQueryData(["work-group", group.id], group);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["work-groups"] }),
        queryClient.invalidateQueries({ queryKey: ["release-time", group.id] }),
      ]);
    },
  });
}

/** Hub staff: form a programme's group from its selected schools, with their named teachers. */
export function useFormFromSelection() {
  return useGroupWrite((body: Omit<WorkGroupCreate, "from_selection">) =>
    unwrap(api.POST("/api/v1/work-groups", { body: { ...body, from_selection: true } })),
  );
}

export function useAddSchool(workGroupId: number) {
  return useGroupWrite((urn: string) =>
    unwrap(api.POST("/api/v1/work-groups/{work_group_id}/schools", { params: { path: { work_group_id: workGroupId } }, body: { urn } })),
  );
}

export function useRemoveSchool(workGroupId: number) {
  return useGroupWrite((urn: string) =>
    unwrap(api.DELETE("/api/v1/work-groups/{work_group_id}/schools/{urn}", { params: { path: { work_group_id: workGroupId, urn } } })),
  );
}

export function useAddParticipant(workGroupId: number) {
  return useGroupWrite((personId: number) =>
    unwrap(
      api.POST("/api/v1/work-groups/{work_group_id}/participants", {
        params: { path: { work_group_id: workGroupId } },
        body: { person_id: personId },
      }),
    ),
  );
}

export function useRemoveParticipant(workGroupId: number) {
  return useGroupWrite((personId: number) =>
    unwrap(
      api.DELETE("/api/v1/work-groups/{work_group_id}/participants/{person_id}", {
        params: { path: { work_group_id: workGroupId, person_id: personId } },
      }),
    ),
  );
}
