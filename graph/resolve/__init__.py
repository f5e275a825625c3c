"""Merging across documents: document-local names → corpus-wide entities.

``merge``: the merge rules (:class:`GlobalEntity`, :func:`group_key`, :func:`merge_vocabulary`);
``relations``: how keys relate in the merge (:class:`Rel`), what the store keeps to merge
again by delta; ``vocabulary``: the merge of the stored vocabulary, whole or by delta, reading
it through :class:`StoredVocabulary`; ``corrections``: a user's corrections file and how it
reshapes the merge. Depends on the shared leaves only: it reads and writes no table.
"""

from graph.resolve.corrections import (
    META_KEY,
    Applied,
    Correction,
    CorrectionsError,
    Fixes,
    append,
    apply_corrections,
    claim_id,
    corrected_attributes,
    correction_rows,
    default_path,
    effective,
    group_key_names,
    read,
)
from graph.resolve.merge import (
    GlobalEntity,
    full_person_names,
    group_key,
    is_full_person_name,
    merge_entities,
    merge_groups,
    merge_vocabulary,
    shorter_forms,
    slug,
)
from graph.resolve.relations import Rel, family, kind_of
from graph.resolve.vocabulary import StoredVocabulary, VocabularyMerge, merge_all, merge_delta

__all__ = [
    "META_KEY",
    "Applied",
    "Correction",
    "CorrectionsError",
    "Fixes",
    "GlobalEntity",
    "Rel",
    "StoredVocabulary",
    "VocabularyMerge",
    "append",
    "apply_corrections",
    "claim_id",
    "corrected_attributes",
    "correction_rows",
    "default_path",
    "effective",
    "family",
    "full_person_names",
    "group_key",
    "group_key_names",
    "is_full_person_name",
    "kind_of",
    "merge_all",
    "merge_delta",
    "merge_entities",
    "merge_groups",
    "merge_vocabulary",
    "read",
    "shorter_forms",
    "slug",
]
