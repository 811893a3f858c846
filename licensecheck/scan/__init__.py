"""`licensecheck scan`: what the code and the data actually use, compared with the manifest.

The scan reads Python sources (with `ast`, never running them; `values.py` follows values
within a file, `prefilter.py` keeps the parsing to what can matter), notebooks' code cells
and the common trainer configs for the models, datasets and model APIs they use
(`code.py`, `notebooks.py`, `configs.py`), maps every id it finds to the manifest's
reference forms, through routers to the provider whose terms govern (`routers.py`, with
`registry/routers.yaml`), samples the local datasets the manifest declares for the marks
model-written text carries (`data.py`, with `registry/fingerprints.yaml`), and says what
the manifest does not declare (`compare.py`). `run.py` puts these together; `render.py`
prints the report; `gate.py` turns what needs review into findings for `check --scan`.

Nothing here is imported on the `check` fast path without `--scan`.
"""
