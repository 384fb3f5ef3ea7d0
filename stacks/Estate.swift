// Estate
