"""Sampling programs for ARC tasks: prompts (with test-time augmentation and length control),
generation backends (vLLM or transformers behind one interface) and the resumable run that
streams candidates to ``candidates.jsonl`` while verifying finished tasks in the background.

Heavy imports (torch, transformers, vllm) happen inside the functions that need them.
"""
