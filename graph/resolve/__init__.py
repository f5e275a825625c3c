"""Merging across documents: document-local names → corpus-wide entities.

``merge``: the merge rules (:class:`GlobalEntity`, :func:`group_key`, :func:`merge_vocabulary`);
``vocabulary``: the merge of the stored vocabulary, whole or by delta; ``corrections``: a
user's corrections file and how it reshapes the merge. Depends on the shared leaves only.
"""

from graph.resolve.corrections import (
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
from graph.resolve.vocabulary import VocabularyMerge, family, merge_all, merge_delta

__all__ = [
    "Applied",
    "Correction",
    "CorrectionsError",
    "Fixes",
    "GlobalEntity",
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
    "merge_all",
    "merge_delta",
    "merge_entities",
    "merge_groups",
    "merge_vocabulary",
    "read",
    "shorter_forms",
    "slug",
]
