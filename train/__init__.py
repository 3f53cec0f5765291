"""Training: library tasks -> code-from-examples chat samples -> LoRA fine-tuning -> merged model.

- :mod:`train.config`  the YAML run configuration and ``--set key=value`` overrides
- :mod:`train.dataset` sample building (pairs, generated inputs, checked augmentations, token budget)
- :mod:`train.trainer` the recipe: config in, trl ``SFTTrainer`` out; ``run_training``
- :mod:`train.launch`  ``--num-processes N``: data-parallel re-launch through ``torch.distributed.run``
- :mod:`train.callbacks` metrics.jsonl logging
- :mod:`train.merge`   LoRA adapter + base -> merged model folder ready for vLLM
"""
